package dev.syncdict.daemon;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The replies every connection together has waiting to be read, against one bound. Each outbox is
 * bounded on its own, but thousands of connections that read nothing could still hold thousands
 * of their bounds; once the total passes this budget, a connection with more than its fair share
 * waiting is answered no further until it reads. A connection below the share is always served,
 * so a reader is never held back by others that do not read. Shared by every outbox; thread-safe.
 */
final class OutboxBudget {

    /** What a connection may always have waiting, whatever the others hold. */
    static final long FAIR_SHARE = 64 * 1024;

    private final long total;
    private final AtomicLong waiting = new AtomicLong();

    OutboxBudget(long total) {
        this.total = total;
    }

    /** Counts bytes in (positive) or out (negative). */
    void add(long bytes) {
        waiting.addAndGet(bytes);
    }

    /** Every connection's waiting replies together. */
    long waiting() {
        return waiting.get();
    }

    /** Whether a connection with this much waiting must wait for its reader before it is answered more. */
    boolean holdsBack(long connectionWaiting) {
        return connectionWaiting >= FAIR_SHARE && waiting.get() >= total;
    }

    /** Whether a connection held back may go on: its own waiting replies fell to half its share, or the total under the budget. */
    boolean releases(long connectionWaiting) {
        return connectionWaiting <= FAIR_SHARE / 2 || waiting.get() < total;
    }
}
