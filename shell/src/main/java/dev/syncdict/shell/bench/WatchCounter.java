package dev.syncdict.shell.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a watching connection and counts its events: the lines that start with {@code {"watch"}
 * (docs/PROTOCOL.md: a line with a watch field is an event; the watch's own reply has none).
 */
final class WatchCounter {

    private static final byte[] EVENT_START = {'{', '"', 'w', 'a', 't', 'c', 'h', '"'};

    private final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
    private final AtomicLong events;
    /** How many bytes of the current line have been seen, up to the length of EVENT_START. */
    private int lineOffset;
    private boolean eventLine = true;

    WatchCounter(AtomicLong events) {
        this.events = events;
    }

    /** Reads what has arrived; a watcher that the daemon closed is an error. */
    void read(SocketChannel channel) throws IOException {
        in.clear();
        if (channel.read(in) < 0) {
            throw new IOException("syncdictd closed a watching connection");
        }
        in.flip();
        long counted = 0;
        while (in.hasRemaining()) {
            byte b = in.get();
            if (b == '\n') {
                if (eventLine && lineOffset >= EVENT_START.length) {
                    counted++;
                }
                lineOffset = 0;
                eventLine = true;
            } else {
                if (lineOffset < EVENT_START.length && b != EVENT_START[lineOffset]) {
                    eventLine = false;
                }
                lineOffset++;
            }
        }
        events.addAndGet(counted);
    }
}
