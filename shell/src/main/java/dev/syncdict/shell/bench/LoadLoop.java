package dev.syncdict.shell.bench;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Drives many connections from one thread with non-blocking I/O, as redis-benchmark does: each
 * connection sends a batch of {@code pipeline} requests, waits for all their replies, and sends the
 * next, until its {@link Requests} say stop. Each reply's latency (from its batch's send to the read
 * that brought it) goes into a histogram. One thread for many connections keeps the load
 * generator's own CPU small, so that on a small machine it leaves the cores to the server.
 */
final class LoadLoop implements Runnable {

    /** Latencies above this are recorded as this. */
    static final long MAX_LATENCY_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** How often a quiet loop wakes up to notice a deadline. */
    private static final long SELECT_MILLIS = 100;
    private static final int READ_BUFFER_BYTES = 64 * 1024;

    private final Wire wire;
    private final List<SocketChannel> channels;
    private final List<SocketChannel> watchers;
    private final Requests requests;
    private final int pipeline;
    private final AtomicLong done;
    private final AtomicLong watchEvents;
    private final long timeoutNanos;
    private final Histogram latency = new Histogram(1_000, MAX_LATENCY_NANOS, 3);
    private final List<Connection> connections = new ArrayList<>();
    private volatile Exception failure;

    LoadLoop(Wire wire, List<SocketChannel> channels, List<SocketChannel> watchers, Requests requests, int pipeline,
            AtomicLong done, AtomicLong watchEvents, long timeoutNanos) {
        this.wire = wire;
        this.channels = channels;
        this.watchers = watchers;
        this.requests = requests;
        this.pipeline = pipeline;
        this.done = done;
        this.watchEvents = watchEvents;
        this.timeoutNanos = timeoutNanos;
    }

    /** One connection's buffers and the batch it has in flight. */
    private static final class Connection {
        final SocketChannel channel;
        final ReplyScanner scanner;
        final ByteBuffer out;
        ByteBuffer in = ByteBuffer.allocate(READ_BUFFER_BYTES);
        long sentAt;
        int outstanding;

        Connection(SocketChannel channel, ReplyScanner scanner, int outBytes) {
            this.channel = channel;
            this.scanner = scanner;
            this.out = ByteBuffer.allocateDirect(outBytes);
        }
    }

    @Override
    public void run() {
        try {
            loop();
        } catch (Exception e) {
            failure = e;
        }
    }

    private void loop() throws IOException {
        try (Selector selector = Selector.open()) {
            int active = 0;
            for (SocketChannel channel : channels) {
                channel.configureBlocking(false);
                Connection connection = new Connection(channel, wire.scanner(), pipeline * wire.maxRequestBytes());
                connections.add(connection);
                if (send(connection, channel.register(selector, SelectionKey.OP_READ, connection))) {
                    active++;
                }
            }
            for (SocketChannel watcher : watchers) {
                watcher.configureBlocking(false);
                watcher.register(selector, SelectionKey.OP_READ, new WatchCounter(watchEvents));
            }
            long lastReply = System.nanoTime();
            while (active > 0) {
                if (selector.select(SELECT_MILLIS) == 0 && System.nanoTime() - lastReply > timeoutNanos) {
                    throw new SocketTimeoutException(wire.server() + " sent no reply for "
                            + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms (a longer wait: --timeout)");
                }
                for (Iterator<SelectionKey> keys = selector.selectedKeys().iterator(); keys.hasNext(); ) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (key.attachment() instanceof WatchCounter) {
                        ((WatchCounter) key.attachment()).read((SocketChannel) key.channel());
                        continue;
                    }
                    Connection connection = (Connection) key.attachment();
                    if (key.isWritable()) {
                        flush(connection, key);
                    }
                    if (key.isReadable() && read(connection)) {
                        lastReply = System.nanoTime();
                        if (connection.outstanding == 0 && !send(connection, key)) {
                            active--;
                        }
                    }
                }
            }
        }
    }

    /** Sends the connection's next batch; false when there is none. */
    private boolean send(Connection connection, SelectionKey key) throws IOException {
        int count = requests.take(pipeline);
        if (count == 0) {
            return false;
        }
        connection.out.clear();
        for (int i = 0; i < count; i++) {
            requests.write(wire, connection.out);
        }
        connection.out.flip();
        connection.outstanding = count;
        connection.sentAt = System.nanoTime();
        flush(connection, key);
        return true;
    }

    /** Writes what the socket takes; waits for writability only when it took less than all. */
    private static void flush(Connection connection, SelectionKey key) throws IOException {
        connection.channel.write(connection.out);
        key.interestOps(connection.out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    /** Reads and counts replies; true when some arrived. */
    private boolean read(Connection connection) throws IOException {
        if (connection.channel.read(connection.in) < 0) {
            throw new IOException(wire.server() + " closed a connection with " + connection.outstanding + " replies outstanding");
        }
        connection.in.flip();
        int replies = connection.scanner.scan(connection.in);
        connection.in.compact();
        if (!connection.in.hasRemaining()) {
            // One reply is larger than the buffer (a large value): make room for it.
            ByteBuffer larger = ByteBuffer.allocate(connection.in.capacity() * 2);
            connection.in.flip();
            connection.in = larger.put(connection.in);
        }
        if (replies == 0) {
            return false;
        }
        long now = System.nanoTime();
        latency.recordValueWithCount(Math.min(now - connection.sentAt, MAX_LATENCY_NANOS), replies);
        connection.outstanding -= replies;
        done.addAndGet(replies);
        return true;
    }

    /** What the loop measured; call after its thread has ended. */
    Histogram latency() {
        return latency;
    }

    /** Error replies counted by every connection of the loop; call after its thread has ended. */
    long errors() {
        return connections.stream().mapToLong(connection -> connection.scanner.errors()).sum();
    }

    /** Why the loop stopped early, or null. */
    Exception failure() {
        return failure;
    }
}
