package dev.syncdict.shell.complete;

/**
 * One completion: the text that replaces the word under the cursor, a short description, and
 * whether the word is finished (a space may follow) or goes on (a key path that ends in '.' or '[').
 */
public record Candidate(String value, String description, boolean complete) {

    /** A finished word. */
    static Candidate word(String value, String description) {
        return new Candidate(value, description, true);
    }
}
