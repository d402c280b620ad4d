package dev.syncdict.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads newline-terminated UTF-8 lines, refusing any longer than a limit. It reads the stream in
 * blocks into a buffer of its own and finds each line's end there: a byte at a time through a
 * buffered stream and into a byte array stream (both synchronized) was the largest part of a
 * script statement's CPU in the shell (docs/BENCHMARKS.md).
 */
final class LineInput {

    private final InputStream in;
    private final int maxBytes;
    private byte[] buffer = new byte[65536];
    /** The bytes read and not yet returned are {@code buffer[start, end)}; those before {@code scanned} hold no newline. */
    private int start;
    private int end;
    private int scanned;
    /** The line {@link #nextLine()} found: still in the buffer, which only the next call moves. */
    private int lineStart;
    private int lineLength;

    LineInput(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /**
     * Finds the next line, which {@link #bytes()}, {@link #lineStart()} and {@link #lineLength()}
     * then name until the next call; false at the end of the stream. A read that times out keeps
     * what it had of the line, so the next call goes on where it stopped.
     */
    boolean nextLine() throws IOException {
        while (true) {
            for (int i = scanned; i < end; i++) {
                if (buffer[i] == '\n') {
                    if (i - start > maxBytes) {
                        throw tooLong();
                    }
                    lineStart = start;
                    lineLength = i - start;
                    start = i + 1;
                    scanned = start;
                    return true;
                }
            }
            scanned = end;
            if (end - start > maxBytes) {
                throw tooLong();
            }
            if (fill() < 0) {
                return false;
            }
        }
    }

    /** The buffer holding the line {@link #nextLine()} found, as UTF-8. */
    byte[] bytes() {
        return buffer;
    }

    int lineStart() {
        return lineStart;
    }

    int lineLength() {
        return lineLength;
    }

    /** The line {@link #nextLine()} found, without its newline. */
    String text() {
        return new String(buffer, lineStart, lineLength, StandardCharsets.UTF_8);
    }

    private IOException tooLong() {
        return new IOException("a line from the daemon is longer than " + maxBytes + " bytes");
    }

    /** Whether bytes were read that no line returned yet. */
    boolean hasUnread() {
        return end > start;
    }

    /**
     * Reads what the stream has into the buffer, waiting for at least a byte as long as its
     * timeout allows; returns how many came, or -1 at the end of the stream.
     */
    int fill() throws IOException {
        if (end == buffer.length) {
            if (start > 0) {
                // Keep the line begun at the buffer's start; a longer line than the buffer grows it.
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                scanned -= start;
                start = 0;
            } else {
                buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, maxBytes + 1L));
            }
        }
        int read = in.read(buffer, end, buffer.length - end);
        if (read > 0) {
            end += read;
        }
        return read;
    }
}
