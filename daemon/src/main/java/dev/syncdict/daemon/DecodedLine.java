package dev.syncdict.daemon;

import dev.syncdict.protocol.Reply;
import dev.syncdict.protocol.Request;

/**
 * One decoded line from a client: a valid request, or the error it earned. An error line still
 * takes its place in the reply order; a {@code fatal} one (a framing violation) closes the
 * connection after its reply.
 */
record DecodedLine(Request request, Object id, Reply.Error error, boolean fatal) {

    static DecodedLine of(Request request) {
        return new DecodedLine(request, request.id(), null, false);
    }

    static DecodedLine rejected(Object id, Reply.Error error, boolean fatal) {
        return new DecodedLine(null, id, error, fatal);
    }
}
