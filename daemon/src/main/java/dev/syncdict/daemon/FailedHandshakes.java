package dev.syncdict.daemon;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down token guessing: each wrong proof from an address delays the refusal to that address,
 * 100 ms at first and doubling with each further failure up to 5 s; a handshake that succeeds, or a
 * minute without failures, forgets the address. Shared by every connection; thread-safe.
 */
final class FailedHandshakes {

    static final Duration FIRST_DELAY = Duration.ofMillis(100);
    static final Duration MAX_DELAY = Duration.ofSeconds(5);
    private static final long FORGET_AFTER_NANOS = Duration.ofMinutes(1).toNanos();
    /** Most addresses remembered: past it the memory starts afresh rather than grow. */
    private static final int MAX_ADDRESSES = 10_000;

    private record Failures(int count, long lastNanos) {}

    private final ConcurrentHashMap<InetAddress, Failures> byAddress = new ConcurrentHashMap<>();

    /** Records a failure from this address and returns how long to wait before refusing it. */
    Duration failed(InetAddress address) {
        if (byAddress.size() >= MAX_ADDRESSES) {
            byAddress.clear();
        }
        long now = System.nanoTime();
        Failures failures = byAddress.compute(address, (key, before) ->
                new Failures(before == null || now - before.lastNanos() > FORGET_AFTER_NANOS ? 1 : before.count() + 1, now));
        long delay = FIRST_DELAY.toMillis() << Math.min(failures.count() - 1, 16);
        return Duration.ofMillis(Math.min(delay, MAX_DELAY.toMillis()));
    }

    /** Forgets the address's failures: it knows the token. */
    void succeeded(InetAddress address) {
        byAddress.remove(address);
    }
}
