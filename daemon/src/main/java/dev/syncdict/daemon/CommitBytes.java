package dev.syncdict.daemon;

import dev.syncdict.daemon.store.Change;
import dev.syncdict.daemon.store.Commit;
import dev.syncdict.protocol.Json;
import dev.syncdict.protocol.Path;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one commit's changes (kind, path, value and old value) as compact tagged bytes, and reads
 * them back, for the watch history: a kept commit is then a few bytes the collector never traces
 * instead of a graph of records, paths and values. Not JSON text (the log's or the events'
 * encoding): writing text took a generator and a string per commit, on every write, for a history
 * that is rarely read; here an integer is a varint and an ASCII string its bytes, with nothing
 * allocated. Read back, values are the plain JSON the store hands out ({@code LinkedHashMap},
 * {@code ArrayList}, {@code String}, {@code BigDecimal} of the same scale, {@code Boolean},
 * {@link Json#NULL}). One writer per history, owner's thread only.
 */
final class CommitBytes {

    /** No value: a deleted key's new value, or an old value that was not there or not kept. */
    private static final byte ABSENT = 0;
    private static final byte NULL = 1;
    private static final byte FALSE = 2;
    private static final byte TRUE = 3;
    /** A number of scale 0 that fits a long: a zigzag varint. */
    private static final byte INTEGER = 4;
    /** Any other number: its scale, then its unscaled value's two's-complement bytes. */
    private static final byte DECIMAL = 5;
    private static final byte STRING = 6;
    private static final byte ARRAY = 7;
    private static final byte OBJECT = 8;
    /** A path segment that names a member; an index is written as itself. */
    private static final byte KEY = 0;
    private static final byte INDEX = 1;

    private static final Change.Kind[] KINDS = Change.Kind.values();

    /** The buffer a writer starts with, and goes back to after a large commit, so that one large {@code load} is not held for good. */
    private static final int USUAL_BYTES = 256;
    private static final int KEPT_BYTES = 64 * 1024;

    private byte[] bytes = new byte[USUAL_BYTES];
    private int size;
    private int limit;

    /**
     * Encodes a commit's changes (its revision is kept beside them) and returns true, or returns
     * false as soon as they would take more than {@code limit} bytes; the bytes stay valid until the next call.
     */
    boolean write(Commit commit, int limit) {
        if (bytes.length > KEPT_BYTES) {
            bytes = new byte[USUAL_BYTES];
        }
        this.size = 0;
        this.limit = limit;
        try {
            changes(commit);
            return true;
        } catch (TooLong e) {
            return false;
        }
    }

    private void changes(Commit commit) {
        varint(commit.changes().size());
        for (Change change : commit.changes()) {
            put(change.kind().ordinal());
            varint(change.path().length());
            for (Path.Segment segment : change.path().segments()) {
                if (segment instanceof Path.Key) {
                    put(KEY);
                    string(((Path.Key) segment).name());
                } else {
                    put(INDEX);
                    varint(((Path.Index) segment).position());
                }
            }
            value(change.value());
            value(change.oldValue());
        }
    }

    /** The bytes of the last commit written, from 0 to {@link #size()}. */
    byte[] bytes() {
        return bytes;
    }

    int size() {
        return size;
    }

    /** The commit whose changes {@link #write} encoded into {@code encoded}. */
    static Commit read(long revision, byte[] encoded) {
        Reader in = new Reader(encoded);
        int count = in.varint();
        List<Change> changes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Change.Kind kind = KINDS[in.next()];
            int length = in.varint();
            List<Path.Segment> segments = new ArrayList<>(length);
            for (int s = 0; s < length; s++) {
                segments.add(in.next() == KEY ? new Path.Key(in.string()) : new Path.Index(in.varint()));
            }
            changes.add(new Change(kind, Path.of(segments), in.value(), in.value()));
        }
        return new Commit(revision, List.copyOf(changes));
    }

    private void value(Object json) {
        if (json == null) {
            put(ABSENT);
        } else if (json == Json.NULL) {
            put(NULL);
        } else if (json instanceof Boolean) {
            put((Boolean) json ? TRUE : FALSE);
        } else if (json instanceof BigDecimal) {
            number((BigDecimal) json);
        } else if (json instanceof Number) {
            // As Json.write takes any number: by its text.
            number(new BigDecimal(json.toString()));
        } else if (json instanceof String) {
            put(STRING);
            string((String) json);
        } else if (json instanceof List) {
            List<?> array = (List<?>) json;
            put(ARRAY);
            varint(array.size());
            for (Object element : array) {
                value(element);
            }
        } else if (json instanceof Map) {
            Map<?, ?> object = (Map<?, ?>) json;
            put(OBJECT);
            varint(object.size());
            for (Map.Entry<?, ?> member : object.entrySet()) {
                string((String) member.getKey());
                value(member.getValue());
            }
        } else {
            throw new IllegalArgumentException("not a JSON value: " + json.getClass());
        }
    }

    private void number(BigDecimal number) {
        // Precision 18 or less fits a long; asking it of a small number reads no digits.
        if (number.scale() == 0 && number.precision() <= 18) {
            put(INTEGER);
            long n = number.longValue();
            varlong((n << 1) ^ (n >> 63));
        } else {
            put(DECIMAL);
            long scale = number.scale();
            varlong((scale << 1) ^ (scale >> 63));
            byte[] unscaled = number.unscaledValue().toByteArray();
            varint(unscaled.length);
            putAll(unscaled, unscaled.length);
        }
    }

    /** Its UTF-8 length, then its bytes; an ASCII string (keys nearly always) without a copy. */
    private void string(String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            if (text.charAt(i) >= 0x80) {
                byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                varint(utf8.length);
                putAll(utf8, utf8.length);
                return;
            }
        }
        varint(length);
        room(length);
        for (int i = 0; i < length; i++) {
            bytes[size++] = (byte) text.charAt(i);
        }
    }

    private void varint(int n) {
        varlong(n & 0xFFFFFFFFL);
    }

    private void varlong(long n) {
        room(10);
        while ((n & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((n & 0x7F) | 0x80);
            n >>>= 7;
        }
        bytes[size++] = (byte) n;
    }

    private void put(int b) {
        room(1);
        bytes[size++] = (byte) b;
    }

    private void putAll(byte[] more, int length) {
        room(length);
        System.arraycopy(more, 0, bytes, size, length);
        size += length;
    }

    private void room(int more) {
        if (size + more > limit) {
            throw TooLong.INSTANCE;
        }
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(limit, Math.max(2L * bytes.length, size + more)));
        }
    }

    /** Thrown, without a stack, to stop encoding a commit past the limit. */
    private static final class TooLong extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final TooLong INSTANCE = new TooLong();

        private TooLong() {
            super(null, null, false, false);
        }
    }

    /** Reads back what the writer wrote, in the same order. */
    private static final class Reader {
        private final byte[] bytes;
        private int at;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        int next() {
            return bytes[at++];
        }

        long varlong() {
            long n = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = bytes[at++];
                n |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return n;
                }
            }
        }

        int varint() {
            return (int) varlong();
        }

        long zigzag() {
            long n = varlong();
            return (n >>> 1) ^ -(n & 1);
        }

        String string() {
            int length = varint();
            String text = new String(bytes, at, length, StandardCharsets.UTF_8);
            at += length;
            return text;
        }

        Object value() {
            byte tag = bytes[at++];
            switch (tag) {
                case ABSENT:
                    return null;
                case NULL:
                    return Json.NULL;
                case FALSE:
                    return Boolean.FALSE;
                case TRUE:
                    return Boolean.TRUE;
                case INTEGER:
                    return BigDecimal.valueOf(zigzag());
                case DECIMAL: {
                    int scale = (int) zigzag();
                    int length = varint();
                    BigInteger unscaled = new BigInteger(bytes, at, length);
                    at += length;
                    return new BigDecimal(unscaled, scale);
                }
                case STRING:
                    return string();
                case ARRAY: {
                    int count = varint();
                    List<Object> array = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        array.add(value());
                    }
                    return array;
                }
                case OBJECT: {
                    int count = varint();
                    Map<String, Object> object = new LinkedHashMap<>();
                    for (int i = 0; i < count; i++) {
                        object.put(string(), value());
                    }
                    return object;
                }
                default:
                    throw new IllegalStateException("not a value tag: " + tag);
            }
        }
    }
}
