package dev.syncdict.shell;

/** A malformed command, script line, path or value: exit code 2, reported before anything is sent. */
public class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
