package dev.syncdict.protocol;

/** A path that does not parse; the message names the path, the column and what was expected. */
public final class PathException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int column;
    private final ErrorCode code;
    private final String what;

    public PathException(String path, int column, String what) {
        this(path, column, what, ErrorCode.BAD_PATH);
    }

    /** A path that parses but passes a limit, with the code naming that limit. */
    public PathException(String path, int column, String what, ErrorCode code) {
        super("bad path " + Json.quote(path) + " at column " + column + ": " + what);
        this.column = column;
        this.code = code;
        this.what = what;
    }

    /** What was expected or wrong, without the path (for a caller that shows the path its own way). */
    public String what() {
        return what;
    }

    /** {@code bad_path}, or {@code too_deep} for a path with too many segments. */
    public ErrorCode code() {
        return code;
    }

    /** The 1-based column where parsing stopped. */
    public int column() {
        return column;
    }
}
