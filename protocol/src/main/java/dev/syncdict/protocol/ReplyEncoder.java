package dev.syncdict.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes a reply line as UTF-8 bytes with no JSON generator, byte for byte what Jackson's
 * generator writes ({@code ReplyEncoderTest} compares the two): setting up a generator for each
 * reply was about a fifth of the daemon's garbage. It builds the line in a buffer of its own, one
 * per thread, and declines a reply longer than that buffer, which the generator then streams,
 * so a large reply is never held twice.
 */
final class ReplyEncoder {

    /** Longer replies are left to the generator (and to the reply limit of the stream it writes to). */
    static final int MAX_BYTES = 8192;

    private static final ThreadLocal<ReplyEncoder> PER_THREAD = ThreadLocal.withInitial(ReplyEncoder::new);
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private final byte[] bytes = new byte[MAX_BYTES];
    private int size;

    private ReplyEncoder() {}

    /** Writes the reply and its newline to {@code out} and returns true, or writes nothing and returns false. */
    static boolean writeLine(Reply reply, OutputStream out) throws IOException {
        ReplyEncoder encoder = PER_THREAD.get();
        encoder.size = 0;
        try {
            encoder.reply(reply);
            encoder.put('\n');
        } catch (TooLong e) {
            return false;
        }
        out.write(encoder.bytes, 0, encoder.size);
        return true;
    }

    /** The fields in the order, and with the absences, of the generator's definition in {@link Codec}. */
    private void reply(Reply reply) {
        put('{');
        if (reply.id() != null) {
            ascii("\"id\":");
            value(reply.id());
            put(',');
        }
        ascii("\"rev\":");
        number(reply.rev());
        if (reply.error() != null) {
            ascii(",\"error\":{\"code\":");
            string(reply.error().code().wireName());
            ascii(",\"message\":");
            string(reply.error().message());
            if (reply.error().index() != null) {
                ascii(",\"index\":");
                number(reply.error().index());
            }
            ascii("}}");
            return;
        }
        if (reply.value() != null) {
            ascii(",\"value\":");
            value(reply.value());
        }
        if (reply.modRev() != null) {
            ascii(",\"mod_rev\":");
            number(reply.modRev());
        }
        if (reply.more() != null) {
            ascii(reply.more() ? ",\"more\":true" : ",\"more\":false");
        }
        if (reply.results() != null) {
            ascii(",\"results\":[");
            for (int i = 0; i < reply.results().size(); i++) {
                if (i > 0) {
                    put(',');
                }
                reply(reply.results().get(i));
            }
            put(']');
        }
        if (reply.proof() != null) {
            ascii(",\"proof\":");
            string(reply.proof());
        }
        put('}');
    }

    /** The same mapping of Java types to JSON as {@link Json#write(tools.jackson.core.JsonGenerator, Object)}. */
    private void value(Object value) {
        if (value instanceof Map) {
            put('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                if (!first) {
                    put(',');
                }
                first = false;
                string((String) entry.getKey());
                put(':');
                value(entry.getValue());
            }
            put('}');
        } else if (value instanceof List) {
            put('[');
            List<?> list = (List<?>) value;
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    put(',');
                }
                value(list.get(i));
            }
            put(']');
        } else if (value instanceof String) {
            string((String) value);
        } else if (value instanceof BigDecimal) {
            BigDecimal number = (BigDecimal) value;
            if (number.scale() == 0 && number.precision() < 19) {
                number(number.longValue());
            } else {
                ascii(Json.numberText(number));
            }
        } else if (value instanceof Boolean) {
            ascii((Boolean) value ? "true" : "false");
        } else if (value == Json.NULL) {
            ascii("null");
        } else if (value instanceof Number) {
            ascii(Json.numberText(new BigDecimal(value.toString())));
        } else {
            throw new IllegalArgumentException("not a JSON value: " + (value == null ? "null" : value.getClass()));
        }
    }

    /**
     * A quoted string as Jackson's UTF-8 generator writes it: short escapes for the usual control
     * characters, {@code \\u00XX} for the others, a surrogate pair as one four-byte character and a
     * lone surrogate as an escape.
     */
    private void string(String text) {
        put('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                asciiChar(c);
            } else if (c < 0x800) {
                put(0xC0 | (c >> 6));
                put(0x80 | (c & 0x3F));
            } else if (!Character.isSurrogate(c)) {
                put(0xE0 | (c >> 12));
                put(0x80 | ((c >> 6) & 0x3F));
                put(0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, text.charAt(++i));
                put(0xF0 | (codePoint >> 18));
                put(0x80 | ((codePoint >> 12) & 0x3F));
                put(0x80 | ((codePoint >> 6) & 0x3F));
                put(0x80 | (codePoint & 0x3F));
            } else {
                unicodeEscape(c);
            }
        }
        put('"');
    }

    private void asciiChar(char c) {
        if (c >= 0x20 && c != '"' && c != '\\') {
            put(c);
            return;
        }
        switch (c) {
            case '"':
            case '\\':
                shortEscape(c);
                break;
            case '\b':
                shortEscape('b');
                break;
            case '\t':
                shortEscape('t');
                break;
            case '\n':
                shortEscape('n');
                break;
            case '\f':
                shortEscape('f');
                break;
            case '\r':
                shortEscape('r');
                break;
            default:
                unicodeEscape(c);
        }
    }

    private void shortEscape(char c) {
        put('\\');
        put(c);
    }

    private void unicodeEscape(char c) {
        ascii("\\u");
        put(HEX[c >> 12]);
        put(HEX[(c >> 8) & 0xF]);
        put(HEX[(c >> 4) & 0xF]);
        put(HEX[c & 0xF]);
    }

    /** A whole number's digits, written in place rather than made into a string first. */
    private void number(long n) {
        if (n == Long.MIN_VALUE) {
            ascii(Long.toString(n));
            return;
        }
        if (n < 0) {
            put('-');
            n = -n;
        }
        int length = 1;
        for (long rest = n; rest >= 10; rest /= 10) {
            length++;
        }
        if (size + length > bytes.length) {
            throw TooLong.INSTANCE;
        }
        for (int i = size + length - 1; i >= size; i--) {
            bytes[i] = (byte) ('0' + n % 10);
            n /= 10;
        }
        size += length;
    }

    /** Text known to be ASCII with nothing to escape: names, numbers, literals. */
    private void ascii(String text) {
        if (size + text.length() > bytes.length) {
            throw TooLong.INSTANCE;
        }
        for (int i = 0; i < text.length(); i++) {
            bytes[size++] = (byte) text.charAt(i);
        }
    }

    private void put(int b) {
        if (size == bytes.length) {
            throw TooLong.INSTANCE;
        }
        bytes[size++] = (byte) b;
    }

    /** Stops an encoding that outgrew the buffer; shared and without a stack trace, as it says nothing more. */
    private static final class TooLong extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final TooLong INSTANCE = new TooLong();

        private TooLong() {
            super(null, null, false, false);
        }
    }
}
