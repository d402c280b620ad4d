package dev.syncdict.shell.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Counts syncdict replies: one JSON object per line. An error reply is the only one with an
 * {@code "error"} member at its top level; the load generator's own values never contain that
 * text, so finding it in the line is enough.
 */
final class LineScanner implements ReplyScanner {

    private static final byte[] ERROR = "\"error\":".getBytes(StandardCharsets.US_ASCII);

    private long errors;

    @Override
    public int scan(ByteBuffer in) {
        int replies = 0;
        int lineStart = in.position();
        for (int at = lineStart; at < in.limit(); at++) {
            if (in.get(at) == '\n') {
                if (contains(in, lineStart, at, ERROR)) {
                    errors++;
                }
                replies++;
                lineStart = at + 1;
            }
        }
        in.position(lineStart);
        return replies;
    }

    private static boolean contains(ByteBuffer in, int from, int to, byte[] text) {
        outer:
        for (int at = from; at <= to - text.length; at++) {
            for (int i = 0; i < text.length; i++) {
                if (in.get(at + i) != text[i]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public long errors() {
        return errors;
    }
}
