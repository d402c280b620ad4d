package dev.syncdict.shell;

import dev.syncdict.protocol.ErrorCode;

/** The shell's exit codes, documented in syncdict(1). */
public final class ExitCode {

    /** Success. */
    public static final int OK = 0;
    /** Nothing at the path, or a condition (--if-absent, --if-value, --if-rev) did not hold. */
    public static final int NOT_FOUND_OR_CONDITION = 1;
    /** The command line, a script line, a path or a value is malformed. */
    public static final int USAGE = 2;
    /** The daemon cannot be reached, refused the token, or has no room for another connection. */
    public static final int UNAVAILABLE = 3;
    /** Any other error the daemon reported (type mismatch, too large, internal). */
    public static final int DAEMON_ERROR = 4;

    private ExitCode() {}

    /** The exit code for an error reply's code. */
    public static int of(ErrorCode code) {
        switch (code) {
            case NOT_FOUND:
            case CONDITION_FAILED:
                return NOT_FOUND_OR_CONDITION;
            case BAD_PATH:
            case BAD_REQUEST:
                return USAGE;
            case UNAUTHORIZED:
            case TOO_MANY_CONNECTIONS:
            case TOO_MANY_FROM_ADDRESS:
            case IDLE_TIMEOUT:
                return UNAVAILABLE;
            default:
                return DAEMON_ERROR;
        }
    }
}
