package dev.syncdict.daemon;

import java.time.Duration;

/**
 * How much of the daemon one client, one address, or all of them together may hold; each limit
 * answers with its own error code and costs nothing to the clients within it.
 *
 * @param total connections served at once ({@code too_many_connections})
 * @param perAddress connections from one peer address ({@code too_many_from_address})
 * @param handshakeTimeout how long a connection may take to prove the token ({@code unauthorized})
 * @param idleTimeout how long an authenticated connection without a watch may send nothing;
 *     {@link Duration#ZERO} never ends one ({@code idle_timeout})
 * @param inFlight requests one connection may have unanswered ({@code too_many_in_flight})
 */
public record ConnectionLimits(int total, int perAddress, Duration handshakeTimeout, Duration idleTimeout, int inFlight) {

    public static final int DEFAULT_TOTAL = 1024;
    /** Half the total: no single address can take the daemon's every connection. */
    public static final int DEFAULT_PER_ADDRESS = DEFAULT_TOTAL / 2;
    /** Eight times the client library's pipeline window. */
    public static final int DEFAULT_IN_FLIGHT = 1024;

    /** 1024 connections, 512 per address, 10 s to authenticate, no idle timeout, 1024 requests unanswered. */
    public static final ConnectionLimits DEFAULTS = new ConnectionLimits(DEFAULT_TOTAL, DEFAULT_PER_ADDRESS,
            Duration.ofSeconds(10), Duration.ZERO, DEFAULT_IN_FLIGHT);

    public ConnectionLimits {
        if (total < 1 || perAddress < 1 || inFlight < 1) {
            throw new IllegalArgumentException("connection limits must be at least 1");
        }
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero() || idleTimeout.isNegative()) {
            throw new IllegalArgumentException("the handshake timeout must be positive, the idle timeout zero (off) or positive");
        }
    }

    public ConnectionLimits withTotal(int newTotal) {
        return new ConnectionLimits(newTotal, perAddress, handshakeTimeout, idleTimeout, inFlight);
    }

    public ConnectionLimits withPerAddress(int newPerAddress) {
        return new ConnectionLimits(total, newPerAddress, handshakeTimeout, idleTimeout, inFlight);
    }

    public ConnectionLimits withHandshakeTimeout(Duration newTimeout) {
        return new ConnectionLimits(total, perAddress, newTimeout, idleTimeout, inFlight);
    }

    public ConnectionLimits withIdleTimeout(Duration newTimeout) {
        return new ConnectionLimits(total, perAddress, handshakeTimeout, newTimeout, inFlight);
    }

    public ConnectionLimits withInFlight(int newInFlight) {
        return new ConnectionLimits(total, perAddress, handshakeTimeout, idleTimeout, newInFlight);
    }
}
