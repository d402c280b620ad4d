package dev.syncdict.protocol;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Writes a JSON value as compact text with no Jackson generator, character for character what
 * {@link Json#write(tools.jackson.core.JsonGenerator, Object)} writes through a generator on a
 * writer ({@code JsonTextTest} compares the two on generated values): a one-shot command or a
 * script then never sets Jackson up to print a result or encode a request. Unlike Jackson's
 * generator it sets no nesting bound of its own (Jackson's was 500): the values it is given come
 * from the protocol's readers, which refuse anything nested past {@link Limits#LINE_DEPTH}.
 */
public final class JsonText {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private JsonText() {}

    /** The compact JSON text of a value. */
    public static String write(Object value) {
        StringBuilder text = new StringBuilder(32);
        write(text, value);
        return text.toString();
    }

    /** Appends a value's compact JSON text; the same mapping of Java types to JSON as {@link Json#write(Object)}. */
    public static void write(StringBuilder text, Object value) {
        // Strings and numbers first: the checks against the Map and List interfaces cost more.
        if (value instanceof String) {
            string(text, (String) value);
        } else if (value instanceof BigDecimal) {
            text.append(Json.numberText((BigDecimal) value));
        } else if (value instanceof Map) {
            text.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                if (!first) {
                    text.append(',');
                }
                first = false;
                string(text, (String) entry.getKey());
                text.append(':');
                write(text, entry.getValue());
            }
            text.append('}');
        } else if (value instanceof List) {
            text.append('[');
            List<?> list = (List<?>) value;
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    text.append(',');
                }
                write(text, list.get(i));
            }
            text.append(']');
        } else if (value instanceof Boolean) {
            text.append((boolean) (Boolean) value ? "true" : "false");
        } else if (value == Json.NULL) {
            text.append("null");
        } else if (value instanceof Long) {
            text.append((long) (Long) value); // what numberText writes for a whole number
        } else if (value instanceof Number) {
            text.append(Json.numberText(new BigDecimal(value.toString())));
        } else {
            throw new IllegalArgumentException("not a JSON value: " + (value == null ? "null" : value.getClass()));
        }
    }

    /**
     * A quoted string as Jackson's generator writes it to a writer: short escapes for the quote, the
     * backslash and the usual control characters, {@code \\u00XX} for the other control characters,
     * everything else as it is (a lone surrogate too: encoding the text to bytes decides about it).
     */
    static void string(StringBuilder text, String value) {
        text.append('"');
        int plainFrom = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            text.append(value, plainFrom, i);
            plainFrom = i + 1;
            text.append('\\');
            switch (c) {
                case '"', '\\' -> text.append(c);
                case '\b' -> text.append('b');
                case '\t' -> text.append('t');
                case '\n' -> text.append('n');
                case '\f' -> text.append('f');
                case '\r' -> text.append('r');
                default -> text.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        text.append(value, plainFrom, value.length()).append('"');
    }
}
