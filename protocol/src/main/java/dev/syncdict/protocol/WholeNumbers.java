package dev.syncdict.protocol;

/**
 * Whole numbers written in ASCII digits, the only digits this project's texts and command lines
 * use: Java's own parsers (and picocli's, which call them) also take other scripts' digits, so an
 * Arabic-Indic three was read as 3.
 */
public final class WholeNumbers {

    private WholeNumbers() {}

    /** A long in ASCII digits with an optional sign; a NumberFormatException otherwise, or past a long. */
    public static long parseLong(String text) {
        checkAscii(text);
        return Long.parseLong(text);
    }

    /** An int in ASCII digits with an optional sign; a NumberFormatException otherwise, or past an int. */
    public static int parseInt(String text) {
        checkAscii(text);
        return Integer.parseInt(text);
    }

    /** Whether the text is an optional sign and one or more ASCII digits, however many. */
    public static boolean isWritten(String text) {
        int first = !text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+') ? 1 : 0;
        if (first == text.length()) {
            return false;
        }
        for (int i = first; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static void checkAscii(String text) {
        if (!isWritten(text)) {
            throw new NumberFormatException("not a whole number in ASCII digits: '" + text + "'");
        }
    }
}
