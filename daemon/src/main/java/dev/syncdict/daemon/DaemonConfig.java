package dev.syncdict.daemon;

import dev.syncdict.daemon.wal.LogOptions;
import dev.syncdict.protocol.Limits;
import dev.syncdict.protocol.Token;
import java.time.Duration;

/**
 * Everything a daemon needs to start; {@link #defaults(Token)} gives the documented defaults.
 *
 * @param maxLineBytes longest request line, at most {@link Limits#REQUEST_LINE_BYTES}
 * @param maxReplyBytes longest reply line, at most {@link Limits#REPLY_LINE_BYTES} (what clients read)
 * @param connections how many connections, from where, for how long, with how many requests unanswered
 * @param outboxBytes replies a connection may have waiting before its later requests wait too
 * @param stallTimeout how long a connection held back by unread replies may go without reading any
 * @param outboxTotalBytes replies all connections together may have waiting before those with more
 *     than their fair share wait too ({@link OutboxBudget})
 * @param maxMemoryBytes the estimated heap the dictionary may take before writes that could grow it are refused
 * @param log where and how the dictionary is kept on disk; null keeps it in memory only
 */
public record DaemonConfig(String bind, int port, Token token, int maxLineBytes, int maxReplyBytes, ConnectionLimits connections,
        int outboxBytes, Duration stallTimeout, long outboxTotalBytes, Tls tls, LogOptions log, long maxMemoryBytes, java.nio.file.Path tokenFile) {

    /**
     * TLS for the listener: the daemon's certificate chain and private key (PEM), and, for mutual
     * TLS, the certificates a client's must be signed by (null: clients need none).
     */
    public record Tls(java.nio.file.Path certificate, java.nio.file.Path key, java.nio.file.Path clientCa) {}

    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 7440;
    public static final int DEFAULT_OUTBOX_BYTES = 1024 * 1024;
    /** Commits kept for watches that start in the past (and replayed into that history after a restart). */
    public static final int WATCH_HISTORY_COMMITS = 100_000;
    /** Bytes those commits may take, encoded; past them the oldest are dropped as past the count. */
    public static final long WATCH_HISTORY_BYTES = 64L * 1024 * 1024;

    public DaemonConfig {
        if (maxLineBytes < 1 || maxLineBytes > Limits.REQUEST_LINE_BYTES) {
            throw new IllegalArgumentException("the longest request line must be 1 to " + Limits.REQUEST_LINE_BYTES + " bytes, not " + maxLineBytes);
        }
        if (maxReplyBytes < 1 || maxReplyBytes > Limits.REPLY_LINE_BYTES) {
            throw new IllegalArgumentException("the longest reply line must be 1 to " + Limits.REPLY_LINE_BYTES + " bytes, not " + maxReplyBytes);
        }
        atLeastOneByte("the replies one connection may have waiting", outboxBytes);
        atLeastOneByte("the replies all connections may have waiting", outboxTotalBytes);
        atLeastOneByte("the dictionary's memory cap", maxMemoryBytes);
    }

    private static void atLeastOneByte(String bound, long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException(bound + " must be at least 1 byte, not " + bytes);
        }
    }

    /**
     * Loopback, the default port, the protocol's line limits, {@link ConnectionLimits#DEFAULTS},
     * 1 MiB of waiting replies per connection, dropped after 60 s without reading.
     */
    public static DaemonConfig defaults(Token token) {
        return new DaemonConfig(DEFAULT_BIND, DEFAULT_PORT, token, Limits.REQUEST_LINE_BYTES, Limits.REPLY_LINE_BYTES,
                ConnectionLimits.DEFAULTS, DEFAULT_OUTBOX_BYTES, Duration.ofSeconds(60), defaultOutboxTotal(), null, null,
                defaultMaxMemory(), null);
    }

    public DaemonConfig withPort(int newPort) {
        return change(fields -> fields.port = newPort);
    }

    public DaemonConfig withBind(String newBind) {
        return change(fields -> fields.bind = newBind);
    }

    public DaemonConfig withMaxLineBytes(int newMax) {
        return change(fields -> fields.maxLineBytes = newMax);
    }

    public DaemonConfig withMaxReplyBytes(int newMax) {
        return change(fields -> fields.maxReplyBytes = newMax);
    }

    public DaemonConfig withConnections(ConnectionLimits newLimits) {
        return change(fields -> fields.connections = newLimits);
    }

    public DaemonConfig withTls(Tls newTls) {
        return change(fields -> fields.tls = newTls);
    }

    public DaemonConfig withLog(LogOptions newLog) {
        return change(fields -> fields.log = newLog);
    }

    /** The file the token was read from, which a token rotation rewrites; null when it came from elsewhere. */
    public DaemonConfig withTokenFile(java.nio.file.Path newFile) {
        return change(fields -> fields.tokenFile = newFile);
    }

    public DaemonConfig withMaxMemory(long newBytes) {
        return change(fields -> fields.maxMemoryBytes = newBytes);
    }

    /**
     * Half the heap: the rest holds requests and replies in flight, the copy a snapshot takes and
     * the garbage between collections.
     */
    private static long defaultMaxMemory() {
        return Runtime.getRuntime().maxMemory() / 2;
    }

    public DaemonConfig withOutboxTotal(long newTotal) {
        return change(fields -> fields.outboxTotalBytes = newTotal);
    }

    /**
     * A quarter of the heap's maximum: replies are encoded into direct buffers, which Netty
     * bounds by the same maximum, and the dictionary's own cap takes half.
     */
    private static long defaultOutboxTotal() {
        return Runtime.getRuntime().maxMemory() / 4;
    }

    public DaemonConfig withOutbox(int newBytes, Duration newStallTimeout) {
        return change(fields -> {
            fields.outboxBytes = newBytes;
            fields.stallTimeout = newStallTimeout;
        });
    }

    /** A copy with the fields a change sets, so each {@code with} method names only what it changes. */
    private DaemonConfig change(java.util.function.Consumer<Fields> change) {
        Fields fields = new Fields(this);
        change.accept(fields);
        return fields.toConfig();
    }

    /** The fields of a config, to change a few of them before making a new one. */
    private static final class Fields {
        String bind;
        int port;
        Token token;
        int maxLineBytes;
        int maxReplyBytes;
        ConnectionLimits connections;
        int outboxBytes;
        Duration stallTimeout;
        long outboxTotalBytes;
        Tls tls;
        LogOptions log;
        long maxMemoryBytes;
        java.nio.file.Path tokenFile;

        Fields(DaemonConfig config) {
            bind = config.bind;
            port = config.port;
            token = config.token;
            maxLineBytes = config.maxLineBytes;
            maxReplyBytes = config.maxReplyBytes;
            connections = config.connections;
            outboxBytes = config.outboxBytes;
            stallTimeout = config.stallTimeout;
            outboxTotalBytes = config.outboxTotalBytes;
            tls = config.tls;
            log = config.log;
            maxMemoryBytes = config.maxMemoryBytes;
            tokenFile = config.tokenFile;
        }

        DaemonConfig toConfig() {
            return new DaemonConfig(bind, port, token, maxLineBytes, maxReplyBytes, connections, outboxBytes, stallTimeout,
                    outboxTotalBytes, tls, log, maxMemoryBytes, tokenFile);
        }
    }
}
