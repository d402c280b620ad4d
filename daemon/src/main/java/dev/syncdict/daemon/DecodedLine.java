package dev.syncdict.daemon;

import dev.syncdict.protocol.Reply;
import dev.syncdict.protocol.Request;

/**
 * One decoded line from a client: a valid request, or the error it earned. An error line still
 * takes its place in the reply order; a {@code fatal} one (a framing violation) closes the
 * connection after its reply. {@link #CLOSED} is no line but the connection's end, in its place
 * after everything it sent, so that the owner drops what the connection held (its watches).
 */
record DecodedLine(Request request, Object id, Reply.Error error, boolean fatal) {

    static final DecodedLine CLOSED = new DecodedLine(null, null, null, true);

    static DecodedLine of(Request request) {
        return new DecodedLine(request, request.id(), null, false);
    }

    static DecodedLine rejected(Object id, Reply.Error error, boolean fatal) {
        return new DecodedLine(null, id, error, fatal);
    }
}
