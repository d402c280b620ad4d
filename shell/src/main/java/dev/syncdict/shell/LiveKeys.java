package dev.syncdict.shell;

import dev.syncdict.client.SyncdictClient;
import dev.syncdict.protocol.Field;
import dev.syncdict.protocol.Op;
import dev.syncdict.protocol.Path;
import dev.syncdict.protocol.Reply;
import dev.syncdict.protocol.Request;
import dev.syncdict.shell.complete.KeySource;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keys for completion, live from the session's daemon: one bounded {@code keys} request per call,
 * below the {@code use} base, answered within {@link #DEADLINE}. Never starts a daemon and never
 * prints; a daemon that is away or slow yields nothing. It keeps a connection of its own, opened
 * with that short deadline, so a late reply costs only it, never the commands' connection.
 */
final class LiveKeys implements KeySource, AutoCloseable {

    /** How long a Tab may wait for the daemon: longer feels broken, and a miss only costs the candidates. */
    static final Duration DEADLINE = Duration.ofMillis(500);

    private final Session session;
    private SyncdictClient connection;

    LiveKeys(Session session) {
        this.session = session;
    }

    @Override
    public Listing keys(Path path, String prefix, int limit) {
        try {
            if (connection == null || !connection.isOpen()) {
                close();
                connection = session.open(DEADLINE);
            }
            Reply reply = connection.call(Request.of(Op.KEYS).with(Field.PATH, session.base().resolve(path))
                    .with(Field.PREFIX, prefix.isEmpty() ? null : prefix).with(Field.LIMIT, (long) limit).with(Field.KINDS, true));
            if (reply.isError()) {
                return null;
            }
            List<Object> keys = new ArrayList<>();
            List<String> kinds = new ArrayList<>();
            for (Object entry : (List<?>) reply.value()) {
                keys.add(((Map<?, ?>) entry).get("key"));
                kinds.add((String) ((Map<?, ?>) entry).get("kind"));
            }
            return new Listing(keys, kinds, Boolean.TRUE.equals(reply.more()));
        } catch (IOException | RuntimeException e) {
            close();
            return null;
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (IOException ignored) {
                // Completion gives up quietly; the next Tab connects again.
            }
            connection = null;
        }
    }
}
