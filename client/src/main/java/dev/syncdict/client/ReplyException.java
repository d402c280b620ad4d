package dev.syncdict.client;

import dev.syncdict.protocol.Reply;

/** An error reply, thrown by the client's convenience methods; {@link #error()} has its code. */
public class ReplyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Reply.Error error;

    public ReplyException(Reply.Error error) {
        super(error.message() + " (" + error.code().wireName() + ")");
        this.error = error;
    }

    public Reply.Error error() {
        return error;
    }
}
