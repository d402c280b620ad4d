package dev.syncdict.shell.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Which requests one loop sends, and how many: a workload over random keys until a count or a
 * deadline, or (to preload) a SET of each key of a range in order. Used by one thread only.
 */
final class Requests {

    /** Null when preloading. */
    private final Workload workload;
    private final long keys;
    private long remaining;
    /** How long to send for, from the first request; 0 when a count limits the requests instead. */
    private final long durationNanos;
    private long deadlineNanos;
    private long nextKey;
    private final SplittableRandom random;

    private Requests(Workload workload, long keys, long count, long durationNanos, long firstKey, long seed) {
        this.workload = workload;
        this.keys = keys;
        this.remaining = count;
        this.durationNanos = durationNanos;
        this.nextKey = firstKey;
        this.random = new SplittableRandom(seed);
    }

    /** {@code count} requests of the workload over keys 0 to keys-1. */
    static Requests counted(Workload workload, long keys, long count, long seed) {
        return new Requests(workload, keys, count, 0, 0, seed);
    }

    /** Requests of the workload for a time, counted from the first. */
    static Requests lasting(Workload workload, long keys, Duration duration, long seed) {
        return new Requests(workload, keys, Long.MAX_VALUE, duration.toNanos(), 0, seed);
    }

    /** One SET of each key from {@code from} (inclusive) to {@code to} (exclusive). */
    static Requests preload(long from, long to) {
        return new Requests(null, to, to - from, 0, from, 0);
    }

    /** How many of {@code wanted} more requests may be sent; 0 once the count or the time is up. */
    int take(int wanted) {
        if (durationNanos > 0) {
            long now = System.nanoTime();
            if (deadlineNanos == 0) {
                deadlineNanos = now + durationNanos;
            } else if (now - deadlineNanos >= 0) {
                return 0;
            }
        }
        if (remaining == 0) {
            return 0;
        }
        int granted = (int) Math.min(wanted, remaining);
        remaining -= granted;
        return granted;
    }

    /** Writes the next request. */
    void write(Wire wire, ByteBuffer out) {
        if (workload == null) {
            wire.write(Operation.SET, nextKey++, out);
        } else {
            wire.write(workload.pick(random), random.nextLong(keys), out);
        }
    }
}
