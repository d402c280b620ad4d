package dev.syncdict.daemon;

import dev.syncdict.protocol.Token;
import java.time.Duration;

/** Everything a daemon needs to start; {@link #defaults(Token)} gives the documented defaults. */
public record DaemonConfig(String bind, int port, Token token, int maxLineBytes, int maxConnections,
        Duration handshakeTimeout) {

    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 7440;
    public static final int DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;

    /** Loopback, the default port, 16 MiB lines, 1024 connections, 10 s to authenticate. */
    public static DaemonConfig defaults(Token token) {
        return new DaemonConfig(DEFAULT_BIND, DEFAULT_PORT, token, DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_CONNECTIONS,
                Duration.ofSeconds(10));
    }

    public DaemonConfig withPort(int newPort) {
        return new DaemonConfig(bind, newPort, token, maxLineBytes, maxConnections, handshakeTimeout);
    }

    public DaemonConfig withBind(String newBind) {
        return new DaemonConfig(newBind, port, token, maxLineBytes, maxConnections, handshakeTimeout);
    }

    public DaemonConfig withMaxLineBytes(int newMax) {
        return new DaemonConfig(bind, port, token, newMax, maxConnections, handshakeTimeout);
    }

    public DaemonConfig withMaxConnections(int newMax) {
        return new DaemonConfig(bind, port, token, maxLineBytes, newMax, handshakeTimeout);
    }

    public DaemonConfig withHandshakeTimeout(Duration newTimeout) {
        return new DaemonConfig(bind, port, token, maxLineBytes, maxConnections, newTimeout);
    }
}
