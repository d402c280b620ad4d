package dev.syncdict.shell;

/**
 * The codes of the errors the shell finds itself, beside the daemon's wire codes: what
 * {@code --json} prints as an error's {@code code}, each matching the exit status documented in
 * syncdict(1).
 */
public final class ShellErrors {

    /** A command line, script line, path or value the shell cannot take (exit 2). */
    public static final String USAGE = "usage";
    /** No daemon answers, or none can be started, connected to or trusted (exit 3). */
    public static final String UNAVAILABLE = "unavailable";
    /** The connection broke with a command in flight, so whether it ran is unknown (exit 3). */
    public static final String LOST = "lost";
    /** The daemon was asked to stop and did not exit in time (exit 4). */
    public static final String STOP_TIMEOUT = "stop_timeout";
    /** A failure the shell did not expect (exit 4). */
    public static final String UNEXPECTED = "unexpected";

    private static final java.util.Set<String> ALL = java.util.Set.of(USAGE, UNAVAILABLE, LOST, STOP_TIMEOUT, UNEXPECTED);

    private ShellErrors() {}

    /** Whether a code is the shell's own, which a message for a person need not name: the message says it all. */
    static boolean isShells(String code) {
        return ALL.contains(code);
    }
}
