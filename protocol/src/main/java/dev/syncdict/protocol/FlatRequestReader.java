package dev.syncdict.protocol;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * Reads the common request line, one flat JSON object whose members are plain ASCII strings
 * without escapes, numbers, {@code true}, {@code false} or {@code null}, straight from its bytes:
 * a Jackson parser's set-up for each line was about a third of the daemon's garbage (the parser,
 * its I/O context, symbol table, text buffer and read context). It declines everything else (a
 * nested value, an escape, a byte outside printable ASCII, a long number, any error), and Jackson
 * then reads the line, so every error still comes from Jackson; where it reads a line it hands
 * over the same members as Jackson would ({@code FlatRequestReaderTest} compares the two).
 */
final class FlatRequestReader {

    /** Longer numbers, and their range checks, are left to Jackson. */
    private static final int MAX_NUMBER_TEXT = 24;

    /** Integers this long, a sign included, fit a long: 18 digits. */
    private static final int SHORT_INTEGER_TEXT = 18;

    /** Member names a request has, shared instead of made for each line. */
    private static final String[] NAMES = names();

    /** The values {@code op} takes, shared likewise; other values are made. */
    private static final String[] OP_NAMES = Arrays.stream(Op.values()).map(Op::wireName).toArray(String[]::new);
    private static final String[] NONE = {};

    private final byte[] bytes;
    private final int end;
    private int at;

    private FlatRequestReader(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.at = offset;
        this.end = offset + length;
    }

    /**
     * Hands each member of the line to {@code members} and returns true, or returns false, perhaps
     * having handed over some, when the line is not of the common kind: the caller then forgets
     * them and reads the line with Jackson.
     */
    static boolean read(byte[] utf8, int offset, int length, BiConsumer<String, Object> members) {
        return new FlatRequestReader(utf8, offset, length).object(members);
    }

    private boolean object(BiConsumer<String, Object> members) {
        skipWhiteSpace();
        if (!take('{')) {
            return false;
        }
        skipWhiteSpace();
        if (!take('}')) {
            do {
                skipWhiteSpace();
                String name = name();
                if (name == null) {
                    return false;
                }
                skipWhiteSpace();
                if (!take(':')) {
                    return false;
                }
                skipWhiteSpace();
                Object value = value(name);
                if (value == null) {
                    return false;
                }
                members.accept(name, value);
                skipWhiteSpace();
            } while (take(','));
            if (!take('}')) {
                return false;
            }
        }
        skipWhiteSpace();
        return at == end;
    }

    /** The scalar value of member {@code name}, or null to decline. */
    private Object value(String name) {
        if (at == end) {
            return null;
        }
        switch (bytes[at]) {
            case '"':
                int start = at + 1;
                int length = plainString();
                return length < 0 ? null : string("op".equals(name) ? OP_NAMES : NONE, start, length);
            case 't':
                return literal("true") ? Boolean.TRUE : null;
            case 'f':
                return literal("false") ? Boolean.FALSE : null;
            case 'n':
                return literal("null") ? Json.NULL : null;
            default:
                return number();
        }
    }

    private String name() {
        int start = at + 1;
        int length = at < end && bytes[at] == '"' ? plainString() : -1;
        return length < 0 ? null : string(NAMES, start, length);
    }

    /** The text of {@code length} bytes from {@code start}: the one of {@code known} it equals, or a new string. */
    private String string(String[] known, int start, int length) {
        for (String candidate : known) {
            if (candidate.length() == length && sameBytes(candidate, start)) {
                return candidate;
            }
        }
        return new String(bytes, start, length, StandardCharsets.ISO_8859_1);
    }

    /** Past a string of printable ASCII with no escape, its opening quote at {@code at}; its length, or -1 to decline. */
    private int plainString() {
        int start = ++at;
        while (at < end) {
            byte b = bytes[at];
            if (b == '"') {
                return at++ - start;
            }
            if (b < 0x20 || b == '\\' || b == 0x7F) {
                return -1;
            }
            at++;
        }
        return -1;
    }

    /** JSON's number grammar, exactly; a number that is long or out of the protocol's range declines. */
    private BigDecimal number() {
        int start = at;
        boolean negative = take('-');
        if (!take('0')) {
            if (digits() == 0) {
                return null;
            }
        }
        boolean fraction = take('.');
        if (fraction && digits() == 0) {
            return null;
        }
        if (!fraction && !isExponent() && at - start <= SHORT_INTEGER_TEXT) {
            // The common case, an id or an amount: no text to make and parse.
            long whole = 0;
            for (int i = negative ? start + 1 : start; i < at; i++) {
                whole = whole * 10 + bytes[i] - '0';
            }
            return BigDecimal.valueOf(negative ? -whole : whole);
        }
        if (take('e') || take('E')) {
            if (!take('+')) {
                take('-');
            }
            if (digits() == 0) {
                return null;
            }
        }
        if (at - start > MAX_NUMBER_TEXT) {
            return null;
        }
        try {
            return Json.checkedNumber(new BigDecimal(new String(bytes, start, at - start, StandardCharsets.ISO_8859_1)));
        } catch (NumberFormatException | JsonException outOfRange) {
            // An exponent past what BigDecimal holds, or past the protocol's range.
            return null;
        }
    }

    private boolean isExponent() {
        return at < end && (bytes[at] == 'e' || bytes[at] == 'E');
    }

    private int digits() {
        int start = at;
        while (at < end && bytes[at] >= '0' && bytes[at] <= '9') {
            at++;
        }
        return at - start;
    }

    /** A literal followed by what may follow a value; {@code truex} declines. */
    private boolean literal(String word) {
        if (end - at < word.length() || !sameBytes(word, at)) {
            return false;
        }
        at += word.length();
        return at == end || isWhiteSpace(bytes[at]) || bytes[at] == ',' || bytes[at] == '}';
    }

    private boolean sameBytes(String ascii, int from) {
        for (int i = 0; i < ascii.length(); i++) {
            if (bytes[from + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean take(char c) {
        if (at < end && bytes[at] == c) {
            at++;
            return true;
        }
        return false;
    }

    private void skipWhiteSpace() {
        while (at < end && isWhiteSpace(bytes[at])) {
            at++;
        }
    }

    private static boolean isWhiteSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private static String[] names() {
        Field[] fields = Field.values();
        String[] names = new String[fields.length + 2];
        names[0] = "op";
        names[1] = "id";
        for (int i = 0; i < fields.length; i++) {
            names[i + 2] = fields[i].wireName();
        }
        return names;
    }
}
