package dev.syncdict.daemon.store;

import java.nio.charset.StandardCharsets;

/**
 * Keys and string values as the store holds them: a string whose every char fits in one byte is
 * kept as those bytes alone (a {@code byte[]}), which saves the 24-byte {@code String} around them
 * on each of millions of keys; any other string stays a {@code String}. Comparisons are the
 * String's own (char by char), so the order of keys does not depend on how they are packed.
 */
final class CompactText {

    private CompactText() {}

    /** The packed form of a string: its Latin-1 bytes when every char fits, else the string itself. */
    static Object pack(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xFF) {
                return text;
            }
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The string a packed form holds. */
    static String unpack(Object packed) {
        return packed instanceof byte[] ? new String((byte[]) packed, StandardCharsets.ISO_8859_1) : (String) packed;
    }

    static boolean isPacked(Object value) {
        return value instanceof byte[];
    }

    /** Whether a packed form holds exactly this string, without unpacking it. */
    static boolean equals(Object packed, String text) {
        if (!(packed instanceof byte[])) {
            return packed.equals(text);
        }
        byte[] bytes = (byte[]) packed;
        if (bytes.length != text.length()) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((bytes[i] & 0xFF) != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** {@code unpack(packed).compareTo(text)}, without unpacking it. */
    static int compare(Object packed, String text) {
        if (!(packed instanceof byte[])) {
            return ((String) packed).compareTo(text);
        }
        byte[] bytes = (byte[]) packed;
        int common = Math.min(bytes.length, text.length());
        for (int i = 0; i < common; i++) {
            int difference = (bytes[i] & 0xFF) - text.charAt(i);
            if (difference != 0) {
                return difference;
            }
        }
        return bytes.length - text.length();
    }
}
