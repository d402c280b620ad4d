package dev.syncdict.daemon.store;

import java.nio.charset.StandardCharsets;

/**
 * Keys and string values as the store holds them: a string whose every char fits in one byte is
 * kept as those bytes alone (in a {@code byte[]}, possibly a range of one shared with other text),
 * which saves the 24-byte {@code String} around them on each of millions of keys; any other string
 * stays a {@code String}. Comparisons are the String's own (char by char), so the order of keys
 * does not depend on how they are packed.
 */
final class CompactText {

    private CompactText() {}

    /** The packed form of a string: its Latin-1 bytes when every char fits, else the string itself. */
    static Object pack(String text) {
        return fitsBytes(text) ? text.getBytes(StandardCharsets.ISO_8859_1) : text;
    }

    /** Whether every char of a string fits in one byte. */
    static boolean fitsBytes(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }

    /** The string a packed form holds. */
    static String unpack(Object packed) {
        return packed instanceof byte[] ? new String((byte[]) packed, StandardCharsets.ISO_8859_1) : (String) packed;
    }

    /** The string that {@code length} packed bytes from {@code from} hold. */
    static String unpack(byte[] bytes, int from, int length) {
        return new String(bytes, from, length, StandardCharsets.ISO_8859_1);
    }

    /** Whether the first {@code length} packed bytes hold exactly this string, without unpacking them. */
    static boolean equals(byte[] bytes, int length, String text) {
        if (length != text.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if ((bytes[i] & 0xFF) != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** {@code unpack(bytes, 0, length).compareTo(text)}, without unpacking them. */
    static int compare(byte[] bytes, int length, String text) {
        int common = Math.min(length, text.length());
        for (int i = 0; i < common; i++) {
            int difference = (bytes[i] & 0xFF) - text.charAt(i);
            if (difference != 0) {
                return difference;
            }
        }
        return length - text.length();
    }
}
