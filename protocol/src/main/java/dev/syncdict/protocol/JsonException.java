package dev.syncdict.protocol;

/** Text that is not one valid JSON value within the limits. */
public final class JsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean overLimit;

    public JsonException(String message, boolean overLimit) {
        super(message);
        this.overLimit = overLimit;
    }

    /** True when the text is valid JSON but too deep, too long or a number too large to accept. */
    public boolean isOverLimit() {
        return overLimit;
    }
}
