package dev.syncdict.client;

import dev.syncdict.protocol.Event;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * A watch on a client's connection: its events one at a time, in revision order. It remembers the
 * last revision it handed out, which is where to resume ({@code watch(path, lastRevision(), ..)})
 * after losing the connection. Not thread-safe, like its client.
 */
public final class Watch implements AutoCloseable {

    private final SyncdictClient client;
    private final BigDecimal id;
    final Queue<Event> queue = new ArrayDeque<>();
    private long lastRevision;

    Watch(SyncdictClient client, BigDecimal id, long startRevision) {
        this.client = client;
        this.id = id.stripTrailingZeros();
        this.lastRevision = startRevision;
    }

    BigDecimal id() {
        return id;
    }

    /** The revision of the last event handed out, or the one the watch started after. */
    public long lastRevision() {
        return lastRevision;
    }

    /** The next event, waiting as long as it takes. An error event (too_slow) ends the watch. */
    public Event next() throws IOException {
        return next(Duration.ZERO);
    }

    /** The next event, or null when none came within {@code wait} (zero: wait as long as it takes). */
    public Event next(Duration wait) throws IOException {
        Event event = client.nextEvent(this, wait);
        if (event != null && !event.isError()) {
            lastRevision = event.rev();
        }
        return event;
    }

    /** Ends the watch on the daemon. */
    @Override
    public void close() throws IOException {
        client.unwatch(this);
    }
}
