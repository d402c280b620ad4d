package dev.syncdict.client;

import dev.syncdict.protocol.Reply;
import java.io.IOException;

/** The daemon refused the connection: wrong token, too many connections, or a framing violation. */
public final class DaemonRefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Reply.Error error;

    public DaemonRefusedException(Reply.Error error) {
        super(error.message() + " (" + error.code().wireName() + ")");
        this.error = error;
    }

    public Reply.Error error() {
        return error;
    }
}
