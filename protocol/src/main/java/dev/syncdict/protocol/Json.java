package dev.syncdict.protocol;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;

/**
 * Reads and writes JSON values as plain Java objects: well-formed text through {@link JsonTextReader}
 * and {@link JsonText}, what they decline and streamed output through Jackson's streaming API (no
 * databind), whose error messages are the ones users see.
 *
 * <p>A value is a {@code Map<String,Object>} (object), a {@code List<Object>} (array), a
 * {@link String}, a {@link BigDecimal} (every number, so decimals stay exact), a {@link Boolean} or
 * {@link #NULL}. Java {@code null} never stands for a JSON value: it means "absent".
 */
public final class Json {

    /** The JSON {@code null} value. */
    public static final Object NULL = JsonNull.NULL;

    /**
     * Jackson's factory, built on first use: a one-shot command or a script reads and writes its
     * lines with {@link JsonTextReader} and {@link JsonText}, and never needs it.
     */
    private static final class Jackson {
        static final JsonFactory FACTORY = JsonFactory.builder()
                // Callers own their streams: closing a generator must not close what it writes to.
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                // Each parser and generator borrows its buffers from a pool; the default pool is a
                // concurrent deque whose polling took about 9 % of the daemon's CPU under load. No
                // code here runs on virtual threads, so one set of buffers per thread is the cheapest.
                .recyclerPool(JsonRecyclerPools.threadLocalPool())
                // The Limits are checked while reading, each with its own error code; Jackson's own
                // constraints only stop what those checks never see (its nesting check sits one level
                // deeper, so ours reports first). Strings and names are bounded by the line's length.
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(Limits.LINE_DEPTH + 1)
                        .maxNumberLength(Limits.NUMBER_TEXT)
                        .maxStringLength(Integer.MAX_VALUE)
                        .maxNameLength(Integer.MAX_VALUE)
                        .build())
                .build();
    }

    private Json() {}

    private enum JsonNull { NULL }

    /** Parses exactly one JSON value; anything after it but white space is an error. */
    public static Object parse(String text) {
        Object value = JsonTextReader.read(text);
        // Not well-formed, or past a limit: Jackson reads it again to say what is wrong.
        return value != null ? value : parseWithJackson(text);
    }

    /** {@link #parse(String)} by Jackson's parser alone. */
    static Object parseWithJackson(String text) {
        try (JsonParser parser = Jackson.FACTORY.createParser(ObjectReadContext.empty(), text)) {
            return parseWhole(parser, null);
        }
    }

    /** Parses exactly one JSON value from UTF-8 bytes. */
    public static Object parse(byte[] utf8, int offset, int length) {
        try (JsonParser parser = Jackson.FACTORY.createParser(ObjectReadContext.empty(), utf8, offset, length)) {
            return parseWhole(parser, null);
        }
    }

    /**
     * Parses exactly one JSON value from UTF-8 bytes; when it is an object, hands each member to
     * {@code members} as it is read, with no map in between, and returns true.
     */
    public static boolean parseMembers(byte[] utf8, int offset, int length, BiConsumer<String, Object> members) {
        try (JsonParser parser = Jackson.FACTORY.createParser(ObjectReadContext.empty(), utf8, offset, length)) {
            return parseWhole(parser, members) == members;
        }
    }

    /** The value, or {@code members} itself when the value is an object whose members went to it. */
    private static Object parseWhole(JsonParser parser, BiConsumer<String, Object> members) {
        try {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new JsonException("empty input: expected a JSON value", ErrorCode.BAD_REQUEST);
            }
            Object value;
            if (members != null && first == JsonToken.START_OBJECT) {
                readMembers(parser, 1, members);
                value = members;
            } else {
                value = read(parser, first, 1);
            }
            if (parser.nextToken() != null) {
                int column = parser.currentTokenLocation().getColumnNr();
                throw new JsonException("unexpected text after the JSON value at column " + column, ErrorCode.BAD_REQUEST, column);
            }
            return value;
        } catch (StreamConstraintsException e) {
            throw new JsonException(e.getOriginalMessage(), ErrorCode.TOO_LARGE);
        } catch (JacksonException e) {
            throw new JsonException(e.getOriginalMessage(), ErrorCode.BAD_REQUEST,
                    e.getLocation() == null ? -1 : e.getLocation().getColumnNr());
        }
    }

    /** Reads the value starting at {@code token}, which opens nesting level {@code level} if it is a container. */
    private static Object read(JsonParser parser, JsonToken token, int level) {
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> object = new LinkedHashMap<>();
                readMembers(parser, level, object::put);
                return object;
            }
            case START_ARRAY: {
                checkLevel(level);
                List<Object> array = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    array.add(read(parser, t, level + 1));
                }
                return array;
            }
            case VALUE_STRING:
                return parser.getString();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return checkedNumber(decimal(parser));
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return NULL;
            default:
                throw new JsonException("unexpected " + token, ErrorCode.BAD_REQUEST);
        }
    }

    /** Reads an object's members, its start already read at nesting level {@code level}. */
    private static void readMembers(JsonParser parser, int level, BiConsumer<String, Object> members) {
        checkLevel(level);
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            String name = parser.currentName();
            members.accept(name, read(parser, parser.nextToken(), level + 1));
        }
    }

    /**
     * The number Jackson read. Its exponent may be past what a BigDecimal holds ({@code 1e99999999999}),
     * which Jackson reports as a bare NumberFormatException: that is a number out of range like any
     * other past ours, not a broken line.
     */
    private static BigDecimal decimal(JsonParser parser) {
        try {
            return parser.getDecimalValue();
        } catch (NumberFormatException e) {
            throw exponentOutOfRange();
        }
    }

    private static JsonException exponentOutOfRange() {
        return new JsonException("number out of range: its exponent is past ±" + Limits.NUMBER_EXPONENT, ErrorCode.OUT_OF_RANGE);
    }

    private static void checkLevel(int level) {
        if (level > Limits.LINE_DEPTH) {
            throw new JsonException("nesting deeper than " + Limits.LINE_DEPTH + " levels", ErrorCode.TOO_DEEP);
        }
    }

    /**
     * The number if it is within {@link Limits#NUMBER_DIGITS} and {@link Limits#NUMBER_EXPONENT};
     * otherwise a {@code out_of_range} JsonException. Parsers and arithmetic both check with it.
     */
    public static BigDecimal checkedNumber(BigDecimal number) {
        if (number.precision() > Limits.NUMBER_DIGITS) {
            throw new JsonException("number out of range: " + number.precision() + " significant digits, more than "
                    + Limits.NUMBER_DIGITS, ErrorCode.OUT_OF_RANGE);
        }
        // The exponent in scientific notation: 1e1000 has 1000, 0.001 has -3.
        if (Math.abs((long) number.precision() - number.scale() - 1) > Limits.NUMBER_EXPONENT) {
            throw exponentOutOfRange();
        }
        return number;
    }

    /** Compact JSON text of a value. */
    public static String write(Object value) {
        return JsonText.write(value);
    }

    /** A generator writing compact JSON to a stream; closing it flushes but leaves the stream open. */
    static JsonGenerator generator(java.io.OutputStream out) {
        return Jackson.FACTORY.createGenerator(ObjectWriteContext.empty(), out);
    }

    /** A generator writing compact JSON to a writer. */
    static JsonGenerator generator(java.io.Writer out) {
        return Jackson.FACTORY.createGenerator(ObjectWriteContext.empty(), out);
    }

    /**
     * Writes a value through a generator, for output streamed as it is written; {@link JsonText}
     * maps Java types to JSON the same way for text (JsonTextTest holds the two together).
     */
    public static void write(JsonGenerator generator, Object value) {
        if (value instanceof Map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                generator.writeName((String) entry.getKey());
                write(generator, entry.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof List) {
            generator.writeStartArray();
            for (Object element : (List<?>) value) {
                write(generator, element);
            }
            generator.writeEndArray();
        } else if (value instanceof String) {
            generator.writeString((String) value);
        } else if (value instanceof BigDecimal) {
            generator.writeNumber(numberText((BigDecimal) value));
        } else if (value instanceof Boolean) {
            generator.writeBoolean((Boolean) value);
        } else if (value == NULL) {
            generator.writeNull();
        } else if (value instanceof Number) {
            generator.writeNumber(numberText(new BigDecimal(value.toString())));
        } else {
            throw new IllegalArgumentException("not a JSON value: " + (value == null ? "null" : value.getClass()));
        }
    }

    /**
     * The text of a number: plain digits ({@code 100}, {@code 0.001}, {@code 1.0}) unless that would
     * be long, when it is scientific ({@code 1E+400}). Both are valid JSON.
     */
    public static String numberText(BigDecimal number) {
        int zerosAdded = number.scale() < 0 ? -number.scale() : number.scale() - number.precision();
        return zerosAdded > 20 ? number.toString() : number.toPlainString();
    }

    /** A JSON string literal, quoted and escaped. */
    public static String quote(String text) {
        return write(text);
    }

    /** JSON equality: numbers compare by value ({@code 1.0} equals {@code 1}), objects ignore key order. */
    public static boolean equal(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a instanceof BigDecimal && b instanceof BigDecimal) {
            return ((BigDecimal) a).compareTo((BigDecimal) b) == 0;
        }
        if (a instanceof Map && b instanceof Map) {
            Map<?, ?> x = (Map<?, ?>) a;
            Map<?, ?> y = (Map<?, ?>) b;
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> entry : x.entrySet()) {
                if (!y.containsKey(entry.getKey()) || !equal(entry.getValue(), y.get(entry.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List && b instanceof List) {
            List<?> x = (List<?>) a;
            List<?> y = (List<?>) b;
            if (x.size() != y.size()) {
                return false;
            }
            Iterator<?> i = y.iterator();
            for (Object element : x) {
                if (!equal(element, i.next())) {
                    return false;
                }
            }
            return true;
        }
        return a != null && a.equals(b);
    }

    /** How many levels of arrays and objects a value nests: 0 for a scalar, 1 for [1], 2 for [[1]]. */
    public static int depth(Object value) {
        int deepest = 0;
        if (value instanceof Map) {
            for (Object child : ((Map<?, ?>) value).values()) {
                deepest = Math.max(deepest, depth(child));
            }
            return deepest + 1;
        }
        if (value instanceof List) {
            for (Object child : (List<?>) value) {
                deepest = Math.max(deepest, depth(child));
            }
            return deepest + 1;
        }
        return 0;
    }

    /** A short name of a value's JSON type, for error messages. */
    public static String typeName(Object value) {
        if (value instanceof Map) {
            return "object";
        } else if (value instanceof List) {
            return "array";
        } else if (value instanceof String) {
            return "string";
        } else if (value instanceof BigDecimal) {
            return "number";
        } else if (value instanceof Boolean) {
            return "boolean";
        }
        return "null";
    }
}
