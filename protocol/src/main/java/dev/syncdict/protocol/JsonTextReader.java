package dev.syncdict.protocol;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads well-formed JSON text into values with no Jackson parser: the daemon's replies and hello,
 * and the values typed at the shell. Setting up Jackson cost a one-shot command about 10 ms of CPU
 * and 90 classes, and a script a parser per reply. It declines ({@code null}) anything it would
 * have to report: a syntax error, nesting past {@link Limits#LINE_DEPTH}, a number past the
 * protocol's limits. Jackson then reads that text, so every error still comes from Jackson; what
 * it reads, it reads into the same values as {@link Json#parse(String)} ({@code JsonTextReaderTest}
 * compares the two on generated texts, well-formed and not).
 */
final class JsonTextReader {

    private final String text;
    private int at;

    private JsonTextReader(String text) {
        this.text = text;
    }

    /** The one JSON value the text holds (white space around it allowed), or null to leave the text to Jackson. */
    static Object read(String text) {
        JsonTextReader reader = new JsonTextReader(text);
        try {
            reader.skipWhiteSpace();
            Object value = reader.value(1);
            reader.skipWhiteSpace();
            return reader.at == text.length() ? value : null;
        } catch (Declined | IndexOutOfBoundsException | NumberFormatException e) {
            // Cut short, or not JSON: Jackson says where and why.
            return null;
        }
    }

    /** A value starting at {@code at}; a container opens nesting level {@code level}. */
    private Object value(int level) {
        char c = text.charAt(at);
        switch (c) {
            case '{':
                return object(level);
            case '[':
                return array(level);
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", Json.NULL);
            default:
                return number();
        }
    }

    private Map<String, Object> object(int level) {
        checkLevel(level);
        at++;
        Map<String, Object> object = new LinkedHashMap<>();
        skipWhiteSpace();
        if (take('}')) {
            return object;
        }
        do {
            skipWhiteSpace();
            if (text.charAt(at) != '"') {
                throw Declined.INSTANCE;
            }
            String name = string();
            skipWhiteSpace();
            expect(':');
            skipWhiteSpace();
            // A repeated name keeps its first place and its last value, as Jackson into a map does.
            object.put(name, value(level + 1));
            skipWhiteSpace();
        } while (take(','));
        expect('}');
        return object;
    }

    private List<Object> array(int level) {
        checkLevel(level);
        at++;
        List<Object> array = new ArrayList<>();
        skipWhiteSpace();
        if (take(']')) {
            return array;
        }
        do {
            skipWhiteSpace();
            array.add(value(level + 1));
            skipWhiteSpace();
        } while (take(','));
        expect(']');
        return array;
    }

    private static void checkLevel(int level) {
        if (level > Limits.LINE_DEPTH) {
            throw Declined.INSTANCE;
        }
    }

    /** A string, its opening quote at {@code at}: no control character unescaped, only JSON's escapes. */
    private String string() {
        int start = ++at;
        // Most strings have no escape: one substring, no builder.
        while (true) {
            char c = text.charAt(at);
            if (c == '"') {
                return text.substring(start, at++);
            }
            if (c == '\\') {
                break;
            }
            if (c < 0x20) {
                throw Declined.INSTANCE;
            }
            at++;
        }
        // Sized for what came before the escape, not for the rest of the text: a line may hold many such strings.
        StringBuilder value = new StringBuilder(at - start + 16).append(text, start, at);
        while (true) {
            char c = text.charAt(at++);
            if (c == '"') {
                return value.toString();
            }
            if (c < 0x20) {
                throw Declined.INSTANCE;
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            char escaped = text.charAt(at++);
            switch (escaped) {
                case '"', '\\', '/' -> value.append(escaped);
                case 'b' -> value.append('\b');
                case 't' -> value.append('\t');
                case 'n' -> value.append('\n');
                case 'f' -> value.append('\f');
                case 'r' -> value.append('\r');
                case 'u' -> value.append(hexChar());
                default -> throw Declined.INSTANCE;
            }
        }
    }

    /** The four hex digits after {@code \\u}: one UTF-16 unit, a lone surrogate as Jackson keeps it. */
    private char hexChar() {
        int unit = 0;
        for (int end = at + 4; at < end; at++) {
            int digit = hexDigit(text.charAt(at));
            if (digit < 0) {
                throw Declined.INSTANCE;
            }
            unit = unit * 16 + digit;
        }
        return (char) unit;
    }

    /** An ASCII hex digit's value, or -1: Character.digit also takes other scripts' digits (U+0660), which JSON does not. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        } else if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        } else if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, at)) {
            throw Declined.INSTANCE;
        }
        at += word.length();
        return value;
    }

    /** JSON's number grammar, exactly; one past the protocol's limits declines, for Jackson to report. */
    private BigDecimal number() {
        int start = at;
        take('-');
        if (!take('0') && digits() == 0) {
            throw Declined.INSTANCE;
        }
        boolean integer = true;
        if (take('.')) {
            integer = false;
            if (digits() == 0) {
                throw Declined.INSTANCE;
            }
        }
        if (take('e') || take('E')) {
            integer = false;
            if (!take('+')) {
                take('-');
            }
            if (digits() == 0) {
                throw Declined.INSTANCE;
            }
        }
        int length = at - start;
        if (integer && length <= 18) {
            return BigDecimal.valueOf(Long.parseLong(text, start, at, 10));
        }
        if (length > Limits.NUMBER_TEXT) {
            throw Declined.INSTANCE;
        }
        try {
            return Json.checkedNumber(new BigDecimal(text.substring(start, at)));
        } catch (JsonException outOfRange) {
            throw Declined.INSTANCE;
        }
    }

    private int digits() {
        int start = at;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        return at - start;
    }

    private boolean take(char c) {
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!take(c)) {
            throw Declined.INSTANCE;
        }
    }

    private void skipWhiteSpace() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            at++;
        }
    }

    /** Ends a reading Jackson must do; shared and without a stack trace, as it says nothing more. */
    private static final class Declined extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Declined INSTANCE = new Declined();

        private Declined() {
            super(null, null, false, false);
        }
    }
}
