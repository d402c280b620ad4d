package dev.syncdict.daemon;

import dev.syncdict.protocol.Reply;
import dev.syncdict.protocol.Request;

/**
 * One decoded line from a client: a valid request, or the error it earned. An error line still
 * takes its place in the reply order; a {@code fatal} one (a framing violation) closes the
 * connection after its reply. {@link #CLOSED} is no line but the connection's end, in its place
 * after everything it sent, so that the owner drops what the connection held (its watches).
 * {@code chain} is the request's chain ({@link FailedChains}), kept when the line is rejected.
 */
record DecodedLine(Request request, Object id, Object chain, Reply.Error error, boolean fatal) {

    static final DecodedLine CLOSED = new DecodedLine(null, null, null, null, true);

    static DecodedLine of(Request request) {
        return new DecodedLine(request, request.id(), request.chain(), null, false);
    }

    static DecodedLine rejected(Object id, Object chain, Reply.Error error, boolean fatal) {
        return new DecodedLine(null, id, chain, error, fatal);
    }

    /** This line refused with an error instead of applied; its id and chain stay. */
    DecodedLine refused(Reply.Error refusal) {
        return new DecodedLine(null, id, chain, refusal, false);
    }
}
