package dev.syncdict.daemon.wal;

import java.io.IOException;

/** The data folder cannot be used as it is: locked by another daemon, or a log or snapshot that is damaged. */
public final class PersistenceException extends IOException {
    private static final long serialVersionUID = 1L;

    public PersistenceException(String message) {
        super(message);
    }
}
