package dev.syncdict.protocol;

/**
 * Every size limit of the protocol, declared once. The daemon refuses what passes them and the
 * client reads with them, so that whatever the daemon accepts, every client can read back.
 */
public final class Limits {

    /** Longest request line a daemon accepts by default (and at most): 16 MiB. */
    public static final int REQUEST_LINE_BYTES = 16 * 1024 * 1024;

    /**
     * Longest line accepted before the handshake succeeds: the auth line is about 200 bytes, and a
     * peer that has not proved the token must not pin megabytes of the daemon's memory.
     */
    public static final int HANDSHAKE_LINE_BYTES = 4096;

    /**
     * Longest reply line: 128 MiB. Larger than a request line, because a value read back can be
     * longer than it was written ({@code 1e20} comes back as 21 digits, at most 5.25 times its
     * text) and because many writes can build a value no single line could carry. A reply past it
     * is answered with {@code too_large} and the connection stays open.
     */
    public static final int REPLY_LINE_BYTES = 128 * 1024 * 1024;

    /**
     * Deepest a value may sit in the dictionary: a path's segments plus the value's own nesting
     * ({@code set a.b [1]} sits 3 deep). A path alone has at most this many segments.
     */
    public static final int DEPTH = 128;

    /**
     * Levels a message wraps around a value: the request or reply object, a tx's {@code ops} or
     * {@code results} array, and the op or result object inside it.
     */
    public static final int ENVELOPE_DEPTH = 3;

    /** Deepest nesting a parser accepts in one line: any value of the dictionary in its envelope. */
    public static final int LINE_DEPTH = DEPTH + ENVELOPE_DEPTH;

    /** Most significant digits of a number, so exact arithmetic on it stays cheap and every parser reads it. */
    public static final int NUMBER_DIGITS = 1000;

    /** Largest decimal exponent, either way: {@code 1e1000} is fine, {@code 1e999999999} is not. */
    public static final int NUMBER_EXPONENT = 1000;

    /**
     * Longest number text a parser reads. Every number within the two limits above is written in
     * at most about 1,030 characters; the slack admits zeros a writer may add ({@code 0.000…1}).
     */
    public static final int NUMBER_TEXT = 4 * NUMBER_DIGITS;

    private Limits() {}
}
