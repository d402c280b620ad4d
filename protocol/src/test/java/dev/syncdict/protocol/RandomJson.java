package dev.syncdict.protocol;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * JSON values and texts for the differential tests of {@link JsonText} and {@link JsonTextReader}:
 * strings drawn from every class of character JSON escapes or encodes apart, numbers of every
 * shape the protocol admits and some it does not, nesting up to a few levels; texts that are the
 * values written out, some of them spoiled by an edit.
 */
final class RandomJson {

    private static final char[] CHARACTERS = ("aZ9 _\"\\/\b\t\n\f\r\u0000\u0001\u001f\u007f\u0080\u00e9\u07ff\u0800\u2028\uffff"
            + "\ud83d\ude00\ud800\udc00{}[]:,\u0660\uff10\uff21").toCharArray();
    /** What an edit puts in a text: JSON's punctuation, escapes, literals' letters, digits and signs. */
    private static final String[] SPOILERS = {"", " ", "\t", "\n", "\u000b", "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u",
        "\\x", "\\u12", "\\u\u0660\u0660\u0664\u0661", "\\u00\uff41\uff41", "0", "01", "-", "+", ".", "e", "E", "1e", "t", "tru", "nul", "NaN", "\u0000", "//", "/*"};

    private final Random random;

    RandomJson(long seed) {
        this.random = new Random(seed);
    }

    /** A value of any JSON type, containers nesting at most {@code levels} deep. */
    Object value(int levels) {
        int kind = random.nextInt(levels > 0 ? 9 : 6);
        if (kind < 2) {
            return text();
        } else if (kind < 4) {
            return number();
        } else if (kind == 4) {
            return random.nextInt(3) == 0 ? Json.NULL : Boolean.valueOf(random.nextBoolean());
        } else if (kind == 5) {
            return random.nextBoolean() ? (Object) random.nextLong() : (Object) random.nextInt();
        } else if (kind < 8) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (int members = random.nextInt(5); members > 0; members--) {
                object.put(text(), value(levels - 1));
            }
            return object;
        }
        List<Object> array = new ArrayList<>();
        for (int elements = random.nextInt(5); elements > 0; elements--) {
            array.add(value(levels - 1));
        }
        return array;
    }

    /** A value's text with white space between its tokens at random, and one time in three spoiled by an edit. */
    String text(Object value) {
        String text = JsonText.write(value);
        if (random.nextInt(4) == 0) {
            text = spaced(text);
        }
        if (random.nextInt(3) == 0 && !text.isEmpty()) {
            int at = random.nextInt(text.length() + 1);
            int cut = Math.min(text.length() - at, random.nextInt(3));
            text = text.substring(0, at) + SPOILERS[random.nextInt(SPOILERS.length)] + text.substring(at + cut);
        }
        return text;
    }

    /** The text with JSON white space after some of its structural characters (inside strings too, harmlessly spoiling nothing there but the string). */
    private String spaced(String text) {
        StringBuilder spaced = new StringBuilder(" ");
        for (char c : text.toCharArray()) {
            spaced.append(c);
            if ((c == ',' || c == ':' || c == '[' || c == '{') && random.nextBoolean()) {
                spaced.append(" \t\r\n".charAt(random.nextInt(4)));
            }
        }
        return spaced.append('\n').toString();
    }

    String text() {
        char[] chars = new char[random.nextInt(10)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = CHARACTERS[random.nextInt(CHARACTERS.length)];
        }
        return new String(chars);
    }

    BigDecimal number() {
        return switch (random.nextInt(6)) {
            case 0 -> BigDecimal.valueOf(random.nextInt(2001) - 1000);
            case 1 -> BigDecimal.valueOf(random.nextLong(), random.nextInt(12) - 2);
            case 2 -> BigDecimal.valueOf(random.nextInt(100)).scaleByPowerOfTen(random.nextInt(80) - 40);
            case 3 -> new BigDecimal(random.nextDouble() * 1e6);
            case 4 -> new BigDecimal("9".repeat(1 + random.nextInt(30))).negate();
            default -> BigDecimal.ONE.scaleByPowerOfTen(random.nextInt(2100) - 1050);
        };
    }
}
