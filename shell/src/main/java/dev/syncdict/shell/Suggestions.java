package dev.syncdict.shell;

import java.util.Collection;

/** "Did you mean" for a mistyped command: the nearest name by edit distance, if near enough. */
final class Suggestions {

    private Suggestions() {}

    /** The message for an unknown command, with the nearest known one when there is one. */
    static String unknownCommand(String typed, Collection<String> known) {
        String nearest = nearest(typed, known);
        return "unknown command '" + typed + "'" + (nearest == null ? "" : ": did you mean " + nearest + "?")
                + " (help lists the commands)";
    }

    /** The known name within two edits of the typed one (one for short names), or null. */
    static String nearest(String typed, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : known) {
            int distance = distance(typed, name);
            if (distance < bestDistance) {
                best = name;
                bestDistance = distance;
            }
        }
        return bestDistance <= Math.min(2, Math.max(1, typed.length() / 2)) ? best : null;
    }

    /** Levenshtein distance, counting a swap of two neighbours as one edit (gte is one from get). */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
