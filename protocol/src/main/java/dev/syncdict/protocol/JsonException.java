package dev.syncdict.protocol;

/** Text that is not one valid JSON value within the {@link Limits}, with the error code that says which. */
public final class JsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final int column;

    public JsonException(String message, ErrorCode code) {
        this(message, code, -1);
    }

    public JsonException(String message, ErrorCode code, int column) {
        super(message);
        this.code = code;
        this.column = column;
    }

    /** The 1-based column where the text stopped being JSON (of a one-line text), or -1 when unknown. */
    public int column() {
        return column;
    }

    /** {@code bad_request} for text that is not JSON; the code naming the limit for valid JSON past one. */
    public ErrorCode code() {
        return code;
    }

    /** True when the text is valid JSON but past a limit (too deep, too long, a number out of range). */
    public boolean isOverLimit() {
        return code != ErrorCode.BAD_REQUEST;
    }
}
