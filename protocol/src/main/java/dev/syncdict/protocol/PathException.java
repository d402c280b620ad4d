package dev.syncdict.protocol;

/** A path that does not parse; the message names the path, the column and what was expected. */
public final class PathException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int column;

    public PathException(String path, int column, String what) {
        super("bad path " + Json.quote(path) + " at column " + column + ": " + what);
        this.column = column;
    }

    /** The 1-based column where parsing stopped. */
    public int column() {
        return column;
    }
}
