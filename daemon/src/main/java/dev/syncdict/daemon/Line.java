package dev.syncdict.daemon;

import dev.syncdict.protocol.Reply;
import dev.syncdict.protocol.Request;

/**
 * One decoded line from a client: a valid request, or the error it earned. An error line still
 * takes its place in the reply order; a {@code fatal} one (a framing violation) closes the
 * connection after its reply.
 */
record Line(Request request, Object id, Reply.Error error, boolean fatal) {

    static Line of(Request request) {
        return new Line(request, request.id(), null, false);
    }

    static Line rejected(Object id, Reply.Error error, boolean fatal) {
        return new Line(null, id, error, fatal);
    }
}
