package dev.syncdict.daemon;

import dev.syncdict.protocol.ErrorCode;
import dev.syncdict.protocol.Json;
import dev.syncdict.protocol.Reply;
import java.util.HashMap;
import java.util.Map;

/**
 * Remembers, for each connection, the last chain in which one of its requests failed, and answers
 * the connection's later requests of that chain {@code skipped} instead of applying them: so a
 * client may send a script's statements ahead of their replies and still have nothing applied
 * after the first that fails. One chain per connection (a client runs one chain at a time): a
 * failure in another chain replaces it. Owner's thread only, like the store.
 */
final class FailedChains {

    /** Only connections that have a failed chain are here, until they close. */
    private final Map<Outbox, Object> failed = new HashMap<>();

    /** The reply that skips a line of a chain that already failed on its connection, or null to answer it. */
    Reply skip(DecodedLine line, Outbox connection, long revision) {
        Object chain = line.chain();
        if (chain == null || !Json.equal(chain, failed.get(connection))) {
            return null;
        }
        return Reply.error(revision, ErrorCode.SKIPPED, "not applied: an earlier request of chain " + Json.write(chain)
                + " failed").withId(line.id());
    }

    /** Notes a line's reply: an error fails the line's chain on its connection. */
    void answered(DecodedLine line, Reply reply, Outbox connection) {
        if (line.chain() != null && reply.isError()) {
            failed.put(connection, line.chain());
        }
    }

    /** The connection's failed chain, or null: what {@link #restore} puts back before its lines are answered again. */
    Object failed(Outbox connection) {
        return failed.get(connection);
    }

    /** Puts back what {@link #failed} said, when the lines answered since are answered again (their writes were undone). */
    void restore(Outbox connection, Object chain) {
        if (chain == null) {
            failed.remove(connection);
        } else {
            failed.put(connection, chain);
        }
    }

    /** A connection has gone: nothing of it stays. */
    void closed(Outbox connection) {
        failed.remove(connection);
    }
}
