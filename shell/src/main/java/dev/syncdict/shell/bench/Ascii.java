package dev.syncdict.shell.bench;

import java.nio.ByteBuffer;

/** Writes numbers as ASCII digits straight into a buffer: request building without a String per request. */
final class Ascii {

    private Ascii() {}

    /** How many digits a non-negative number has. */
    static int digits(long value) {
        int count = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            count++;
        }
        return count;
    }

    /** Writes a non-negative number. */
    static void write(ByteBuffer out, long value) {
        int count = digits(value);
        int end = out.position() + count;
        for (int at = end - 1; at >= out.position(); at--) {
            out.put(at, (byte) ('0' + value % 10));
            value /= 10;
        }
        out.position(end);
    }
}
