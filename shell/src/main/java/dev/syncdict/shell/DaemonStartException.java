package dev.syncdict.shell;

import java.io.IOException;

/** A daemon was needed and could not be started; the message says why and where its log is. */
final class DaemonStartException extends IOException {
    private static final long serialVersionUID = 1L;

    DaemonStartException(String message) {
        super(message);
    }
}
