package dev.syncdict.protocol;

/** The stable, machine-readable codes of error replies. */
public enum ErrorCode {
    /** Nothing is stored at the path. */
    NOT_FOUND("not_found"),
    /** The value at the path is not of the type the op needs (incr on a string, a key into an array). */
    TYPE_MISMATCH("type_mismatch"),
    /** The path does not parse. */
    BAD_PATH("bad_path"),
    /** The request is not valid JSON, names no known op, or has a missing or ill-typed field. */
    BAD_REQUEST("bad_request"),
    /** A condition (if_absent, if_value, if_rev) did not hold; nothing was written. */
    CONDITION_FAILED("condition_failed"),
    /** The handshake failed or has not happened yet; the connection is closed. */
    UNAUTHORIZED("unauthorized"),
    /** A line or a reply is longer than its limit ({@link Limits}); a reply's says how to read in parts. */
    TOO_LARGE("too_large"),
    /** A value would nest deeper in the dictionary than {@link Limits#DEPTH}, or a path has more segments. */
    TOO_DEEP("too_deep"),
    /** A number has more digits, or a larger exponent, than {@link Limits} allows (incr results too). */
    OUT_OF_RANGE("out_of_range"),
    /** A watch asked to start from a revision older than the daemon's history; the message names the oldest it can. */
    COMPACTED("compacted"),
    /** A watcher fell too far behind reading its events; its watch is cancelled, and the line's rev is where to resume. */
    TOO_SLOW("too_slow"),
    /** The dictionary has reached the daemon's memory cap: writes that could grow it are refused, deletes and reads go on. */
    OUT_OF_MEMORY("out_of_memory"),
    /** The daemon has no room for another connection; sent instead of the hello, then the connection is closed. */
    TOO_MANY_CONNECTIONS("too_many_connections"),
    /** The peer's address already holds its share of the daemon's connections; sent instead of the hello, then closed. */
    TOO_MANY_FROM_ADDRESS("too_many_from_address"),
    /** The connection sent nothing for the daemon's idle timeout and watched nothing; sent without an id, then closed. */
    IDLE_TIMEOUT("idle_timeout"),
    /**
     * The connection already had the most requests the daemon takes unanswered at once; this one
     * was not applied, and the connection goes on. Read replies before sending more.
     */
    TOO_MANY_IN_FLIGHT("too_many_in_flight"),
    /**
     * The daemon could not record the write in its log (the disk is full, an I/O error); nothing
     * was changed. Reads go on; writes work again once the disk does.
     */
    IO_ERROR("io_error"),
    /**
     * An earlier request of the same chain failed on this connection, so this one was not applied
     * (the request's {@code chain} field): a script that stops at its first failure sends ahead.
     */
    SKIPPED("skipped"),
    /** A fault inside the daemon; the request was not applied. */
    INTERNAL("internal");

    private final String wireName;

    ErrorCode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The code with this wire name; an unknown one (from a newer daemon) reads as INTERNAL. */
    public static ErrorCode byWireName(String name) {
        for (ErrorCode code : values()) {
            if (code.wireName.equals(name)) {
                return code;
            }
        }
        return INTERNAL;
    }
}
