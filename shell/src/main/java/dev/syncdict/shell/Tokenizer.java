package dev.syncdict.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits script and REPL text into statements and words, so that JSON can be typed as it is:
 *
 * <ul>
 *   <li>white space separates words; {@code ;} or a newline ends a statement;</li>
 *   <li>{@code #} at the start of a word comments out the rest of the line;</li>
 *   <li>{@code '...'} is a literal word without its quotes, as in a Unix shell;</li>
 *   <li>{@code "..."} stays a word <em>with</em> its quotes, since both JSON values and paths read a
 *       double-quoted string as one string;</li>
 *   <li>a word that starts with {@code {} or {@code [} runs to its matching bracket, across spaces
 *       and newlines: {@code set cfg {"port": 80, "tags": [1, 2]}}.</li>
 * </ul>
 */
public final class Tokenizer {

    private final String text;
    private int pos;
    private int line = 1;

    /** One statement: its words and the line it starts on. */
    public record Statement(List<String> words, int line) {}

    /** The text ends inside a quote or bracket: a reader of lines should append the next one. */
    public static final class Unterminated extends UsageException {
        private static final long serialVersionUID = 1L;

        Unterminated(String message) {
            super(message);
        }
    }

    private Tokenizer(String text) {
        this.text = text;
    }

    /** Every statement in the text; a quote or bracket left open is {@link Unterminated}. */
    public static List<Statement> statements(String text) {
        return new Tokenizer(text).all();
    }

    private List<Statement> all() {
        List<Statement> statements = new ArrayList<>();
        List<String> words = new ArrayList<>();
        int startLine = line;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n' || c == ';') {
                if (c == '\n') {
                    line++;
                }
                pos++;
                if (!words.isEmpty()) {
                    statements.add(new Statement(List.copyOf(words), startLine));
                    words.clear();
                }
                startLine = line;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                if (words.isEmpty()) {
                    startLine = line;
                }
                words.add(word());
            }
        }
        if (!words.isEmpty()) {
            statements.add(new Statement(List.copyOf(words), startLine));
        }
        return statements;
    }

    private String word() {
        StringBuilder word = new StringBuilder();
        char first = text.charAt(pos);
        if (first == '{' || first == '[') {
            return bracketed();
        }
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c) || c == ';') {
                break;
            } else if (c == '\'') {
                int close = text.indexOf('\'', pos + 1);
                if (close < 0) {
                    throw new Unterminated("unterminated ' quote on line " + line);
                }
                word.append(text, pos + 1, close);
                pos = close + 1;
            } else if (c == '"') {
                int start = pos;
                skipString();
                word.append(text, start, pos);
            } else {
                word.append(c);
                pos++;
            }
        }
        return word.toString();
    }

    /** A JSON object or array, verbatim, up to its matching bracket. */
    private String bracketed() {
        int start = pos;
        int startLine = line;
        int depth = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                skipString();
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            } else if (c == '\n') {
                line++;
            }
            pos++;
            if (depth == 0) {
                // A path such as [0].name goes on after its bracket; JSON ends at white space.
                while (pos < text.length() && !Character.isWhitespace(text.charAt(pos)) && text.charAt(pos) != ';') {
                    pos++;
                }
                return text.substring(start, pos);
            }
        }
        throw new Unterminated("unterminated " + text.charAt(start) + " bracket starting on line " + startLine);
    }

    /** Moves past a double-quoted string, honouring backslash escapes. */
    private void skipString() {
        int startLine = line;
        pos++;
        while (pos < text.length() && text.charAt(pos) != '"') {
            if (text.charAt(pos) == '\n') {
                line++;
            }
            pos += text.charAt(pos) == '\\' ? 2 : 1;
        }
        if (pos >= text.length()) {
            throw new Unterminated("unterminated \" quote starting on line " + startLine);
        }
        pos++;
    }
}
