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
    /** For completion: an open quote or bracket ends the word instead of failing. */
    private boolean lenient;
    private int lastWordStart = -1;
    private int lastWordEnd = -1;
    /** Where the statement being read starts (its first word), and on which line. */
    private int statementStart;
    private int statementLine;

    /** One statement: its words and the line it starts on. */
    public record Statement(List<String> words, int line) {}

    /**
     * The statements of a text that ended inside a quote or bracket, up to the one left open:
     * that one starts at {@code rest} (the text's length when none is open), on line
     * {@code restLine}; {@code open} says what is open, or is null.
     */
    public record Prefix(List<Statement> statements, int rest, int restLine, Unterminated open) {}

    /**
     * What completion needs of a line typed up to the cursor: the words of its last statement
     * before the cursor's word, and that word as typed (empty when the cursor follows white space).
     */
    public record Partial(List<String> words, String current) {}

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

    /**
     * Every statement of a text whose first line is {@code firstLine}, lines numbered as the
     * script's, up to one a quote or bracket leaves open at the end: a reader of lines then keeps
     * only that one's text and appends the next lines to it, so a value spanning many lines is not
     * read again from the script's start, nor those before it run again.
     */
    public static Prefix prefix(String text, int firstLine) {
        Tokenizer tokenizer = new Tokenizer(text);
        tokenizer.line = firstLine;
        List<Statement> statements = new ArrayList<>();
        try {
            tokenizer.all(statements);
            return new Prefix(statements, text.length(), tokenizer.line, null);
        } catch (Unterminated open) {
            return new Prefix(statements, tokenizer.statementStart, tokenizer.statementLine, open);
        }
    }

    /** Splits text up to the cursor as {@link #statements} does, tolerating an open quote or bracket in the last word. */
    public static Partial partial(String text) {
        Tokenizer tokenizer = new Tokenizer(text);
        tokenizer.lenient = true;
        List<Statement> statements = tokenizer.all();
        if (statements.isEmpty()) {
            return new Partial(List.of(), "");
        }
        List<String> words = statements.get(statements.size() - 1).words();
        if (tokenizer.lastWordEnd == text.length()) {
            return new Partial(words.subList(0, words.size() - 1), text.substring(tokenizer.lastWordStart));
        }
        String after = text.substring(tokenizer.lastWordEnd);
        boolean ended = after.indexOf(';') >= 0 || after.indexOf('\n') >= 0;
        return new Partial(ended ? List.of() : words, "");
    }

    private List<Statement> all() {
        List<Statement> statements = new ArrayList<>();
        all(statements);
        return statements;
    }

    /** Adds each statement to {@code statements} as it ends, so that those before an open quote or bracket are there. */
    private void all(List<Statement> statements) {
        List<String> words = new ArrayList<>();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n' || c == ';') {
                if (c == '\n') {
                    line++;
                }
                pos++;
                if (!words.isEmpty()) {
                    statements.add(new Statement(List.copyOf(words), statementLine));
                    words.clear();
                }
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                if (words.isEmpty()) {
                    statementStart = pos;
                    statementLine = line;
                }
                lastWordStart = pos;
                words.add(word());
                lastWordEnd = pos;
            }
        }
        if (!words.isEmpty()) {
            statements.add(new Statement(List.copyOf(words), statementLine));
        }
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
                    return unterminated(word, "unterminated ' quote on line " + line);
                }
                word.append(text, pos + 1, close);
                // A quoted word may span lines: later statements keep their script's line numbers.
                line += (int) text.substring(pos, close).chars().filter(ch -> ch == '\n').count();
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
        return unterminated(new StringBuilder(text.substring(start, pos)),
                "unterminated " + text.charAt(start) + " bracket starting on line " + startLine);
    }

    /** At an open quote or bracket: the rest of the text when lenient, otherwise {@link Unterminated}. */
    private String unterminated(StringBuilder word, String message) {
        if (!lenient) {
            throw new Unterminated(message);
        }
        word.append(text, Math.min(pos, text.length()), text.length());
        pos = text.length();
        return word.toString();
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
            if (lenient) {
                pos = text.length();
                return;
            }
            throw new Unterminated("unterminated \" quote starting on line " + startLine);
        }
        pos++;
    }
}
