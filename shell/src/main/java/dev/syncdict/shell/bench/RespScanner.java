package dev.syncdict.shell.bench;

import java.nio.ByteBuffer;

/**
 * Counts Redis (RESP2) replies to GET, SET, INCR, INCRBY and INCRBYFLOAT: a status, error or
 * integer line, or a bulk string (its length line, the bytes, CRLF; a length of -1 is nil).
 */
final class RespScanner implements ReplyScanner {

    private long errors;

    @Override
    public int scan(ByteBuffer in) {
        int replies = 0;
        int at = in.position();
        while (true) {
            int lineEnd = indexOfNewline(in, at);
            if (lineEnd < 0) {
                break;
            }
            int next = lineEnd + 1;
            byte type = in.get(at);
            if (type == '$') {
                long length = parseLength(in, at + 1, lineEnd - 1);
                if (length >= 0) {
                    next += length + 2;
                    if (next > in.limit()) {
                        break;
                    }
                }
            } else if (type == '-') {
                errors++;
            } else if (type != '+' && type != ':') {
                throw new IllegalStateException("not a RESP reply the load generator asked for: '" + (char) type + "'");
            }
            replies++;
            at = next;
        }
        in.position(at);
        return replies;
    }

    private static int indexOfNewline(ByteBuffer in, int from) {
        for (int at = from; at < in.limit(); at++) {
            if (in.get(at) == '\n') {
                return at;
            }
        }
        return -1;
    }

    /** The number between {@code from} and the CR at {@code cr}; -1 for nil. */
    private static long parseLength(ByteBuffer in, int from, int cr) {
        if (in.get(from) == '-') {
            return -1;
        }
        long value = 0;
        for (int at = from; at < cr; at++) {
            value = value * 10 + (in.get(at) - '0');
        }
        return value;
    }

    @Override
    public long errors() {
        return errors;
    }
}
