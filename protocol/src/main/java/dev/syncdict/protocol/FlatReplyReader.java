package dev.syncdict.protocol;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Reads the common reply line, one flat JSON object of an id, a revision and at most a scalar
 * value, a mod_rev, more and a proof, straight from its bytes into a {@link Reply}: the mirror, on
 * the client's side, of the daemon's {@link FlatRequestReader}. Reading each reply of a script
 * into a string, then a map, then a reply was a tenth of a statement's CPU in the shell. It
 * declines everything else (an error, a tx's results, an event, a nested value, an escape, a byte
 * outside printable ASCII, a long number, a member it does not know, anything malformed), which
 * {@link Codec#decodeMessage(String)} then reads; what it reads, it reads as that would
 * ({@code FlatReplyReaderTest} compares the two on generated lines).
 */
final class FlatReplyReader {

    /** Longer numbers are left to the general reader. */
    private static final int MAX_NUMBER_TEXT = 24;

    /** Integers this long, a sign included, fit a long: 18 digits. */
    private static final int SHORT_INTEGER_TEXT = 18;

    /** A member's value not read: declines the line. */
    private static final Object DECLINED = new Object();

    private final byte[] bytes;
    private final int end;
    private int at;

    private Object id;
    private Object rev;
    private Object value;
    private Object modRev;
    private Object more;
    private Object proof;

    private FlatReplyReader(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.at = offset;
        this.end = offset + length;
    }

    /** The reply the line holds, or null when it is not of the common kind. */
    static Reply read(byte[] utf8, int offset, int length) {
        return new FlatReplyReader(utf8, offset, length).reply();
    }

    private Reply reply() {
        skipWhiteSpace();
        if (!take('{')) {
            return null;
        }
        skipWhiteSpace();
        if (!take('}')) {
            do {
                skipWhiteSpace();
                if (!member()) {
                    return null;
                }
                skipWhiteSpace();
            } while (take(','));
            if (!take('}')) {
                return null;
            }
        }
        skipWhiteSpace();
        if (at != end || rev == null || !isWhole(rev) || !isWhole(modRev) || !(more == null || more instanceof Boolean)
                || !(proof == null || proof instanceof String)) {
            return null; // the general reader says what is wrong with these
        }
        return new Reply(id, ((BigDecimal) rev).longValue(), value, modRev == null ? null : ((BigDecimal) modRev).longValue(),
                (Boolean) more, null, (String) proof, null);
    }

    /** A member of a name it knows and a scalar value; false to decline. */
    private boolean member() {
        if (at == end || bytes[at] != '"') {
            return false;
        }
        int start = at + 1;
        int length = plainString();
        if (length < 0) {
            return false;
        }
        skipWhiteSpace();
        if (!take(':')) {
            return false;
        }
        skipWhiteSpace();
        Object scalar = scalar();
        if (scalar == DECLINED) {
            return false;
        }
        // A repeated member keeps its last value, as a map would.
        if (is("id", start, length)) {
            id = scalar;
        } else if (is("rev", start, length)) {
            rev = scalar;
        } else if (is("value", start, length)) {
            value = scalar;
        } else if (is("mod_rev", start, length)) {
            modRev = scalar;
        } else if (is("more", start, length)) {
            more = scalar;
        } else if (is("proof", start, length)) {
            proof = scalar;
        } else {
            return false; // an error, results, an event's watch, or a member this reader does not know
        }
        return true;
    }

    /** Absent, or a whole number that fits a long, as the general reader takes a revision. */
    private static boolean isWhole(Object number) {
        return number == null || number instanceof BigDecimal && ((BigDecimal) number).scale() == 0
                && ((BigDecimal) number).precision() <= SHORT_INTEGER_TEXT;
    }

    private boolean is(String name, int start, int length) {
        if (name.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (bytes[start + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** A plain string, a short number or a literal; {@link #DECLINED} for anything else. */
    private Object scalar() {
        if (at == end) {
            return DECLINED;
        }
        switch (bytes[at]) {
            case '"':
                int start = at + 1;
                int length = plainString();
                return length < 0 ? DECLINED : new String(bytes, start, length, StandardCharsets.ISO_8859_1);
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

    /** JSON's number grammar, exactly; a long one declines. */
    private Object number() {
        int start = at;
        boolean negative = take('-');
        if (!take('0') && digits() == 0) {
            return DECLINED;
        }
        boolean whole = true;
        if (take('.')) {
            whole = false;
            if (digits() == 0) {
                return DECLINED;
            }
        }
        if (take('e') || take('E')) {
            whole = false;
            if (!take('+')) {
                take('-');
            }
            if (digits() == 0) {
                return DECLINED;
            }
        }
        if (whole && at - start <= SHORT_INTEGER_TEXT) {
            long number = 0;
            for (int i = negative ? start + 1 : start; i < at; i++) {
                number = number * 10 + bytes[i] - '0';
            }
            return BigDecimal.valueOf(negative ? -number : number);
        }
        if (at - start > MAX_NUMBER_TEXT) {
            return DECLINED;
        }
        try {
            return Json.checkedNumber(new BigDecimal(new String(bytes, start, at - start, StandardCharsets.ISO_8859_1)));
        } catch (NumberFormatException | JsonException outOfRange) {
            return DECLINED;
        }
    }

    private int digits() {
        int start = at;
        while (at < end && bytes[at] >= '0' && bytes[at] <= '9') {
            at++;
        }
        return at - start;
    }

    /** A literal followed by what may follow a value; {@code truex} declines. */
    private Object literal(String word, Object literal) {
        if (end - at < word.length() || !is(word, at, word.length())) {
            return DECLINED;
        }
        at += word.length();
        return at == end || isWhiteSpace(bytes[at]) || bytes[at] == ',' || bytes[at] == '}' ? literal : DECLINED;
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
}
