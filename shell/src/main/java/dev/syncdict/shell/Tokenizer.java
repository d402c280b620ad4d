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
 *
 * <p>It reads one character at a time and keeps where it is inside a word between one piece of
 * text and the next ({@link #script}): a script arriving a line at a time is read once, however
 * long a value spans lines and however the lines come, where reading the open statement again
 * from its start at each line was quadratic in its length.
 */
public final class Tokenizer {

    /** Where the reading stands: between words, or inside which kind of word or quote. */
    private enum Mode { BETWEEN, COMMENT, PLAIN, SINGLE_QUOTE, DOUBLE_QUOTE, BRACKET, BRACKET_QUOTE, AFTER_BRACKET }

    /** The text read and not yet let go of ({@link #compact()}); {@code pos} is where reading stands in it. */
    private final StringBuilder text = new StringBuilder();
    private int pos;
    private int line;
    /** For completion: an open quote or bracket ends the word instead of failing. */
    private final boolean lenient;
    private Mode mode = Mode.BETWEEN;
    /** Statements ended and not yet {@linkplain #take() taken}; the words of the one being read, and its first line. */
    private final List<Statement> ended = new ArrayList<>();
    private final List<String> words = new ArrayList<>();
    private int statementLine;
    /** The word being read: where it starts in the text, and, for a plain word, its characters so far without quotes. */
    private int wordStart;
    private final StringBuilder word = new StringBuilder();
    /** The open quote: its line, its place in the text and how long the plain word was before it. */
    private int quoteLine;
    private int quoteStart;
    private int wordBeforeQuote;
    /** Whether the last character read was a backslash inside a double-quoted string. */
    private boolean escaped;
    /** The open bracket word: its first character, its line, how deep it is now. */
    private char bracket;
    private int bracketLine;
    private int depth;
    /** For completion: where the last word read starts and ends. */
    private int lastWordStart = -1;
    private int lastWordEnd = -1;
    /** Characters examined, over all the text given: the measure of the work, which must stay linear. */
    private long examined;

    /** One statement: its words and the line it starts on. */
    public record Statement(List<String> words, int line) {}

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

    private Tokenizer(int firstLine, boolean lenient) {
        this.line = firstLine;
        this.lenient = lenient;
    }

    /** Every statement in the text; a quote or bracket left open is {@link Unterminated}. */
    public static List<Statement> statements(String text) {
        Tokenizer tokenizer = new Tokenizer(1, false);
        tokenizer.append(text);
        Unterminated open = tokenizer.end();
        if (open != null) {
            throw open;
        }
        return tokenizer.take();
    }

    /**
     * A tokenizer for a script given piece by piece ({@link #append}), its first line numbered 1:
     * each statement can be {@linkplain #take() taken} as soon as it has ended.
     */
    static Tokenizer script() {
        return new Tokenizer(1, false);
    }

    /** Splits text up to the cursor as {@link #statements} does, tolerating an open quote or bracket in the last word. */
    public static Partial partial(String text) {
        Tokenizer tokenizer = new Tokenizer(1, true);
        tokenizer.append(text);
        tokenizer.end();
        List<Statement> statements = tokenizer.take();
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

    /** Reads more of the text, going on inside the word the last piece ended in. */
    void append(CharSequence more) {
        compact();
        text.append(more);
        while (pos < text.length()) {
            examined++;
            step(text.charAt(pos));
        }
    }

    /** The statements ended so far, each once. */
    List<Statement> take() {
        List<Statement> taken = List.copyOf(ended);
        ended.clear();
        return taken;
    }

    /**
     * The text has ended: the statement being read ends with it, to be {@linkplain #take() taken},
     * unless a quote or bracket is still open, which is returned (null when none is).
     */
    Unterminated end() {
        String open = switch (mode) {
            case SINGLE_QUOTE -> "unterminated ' quote on line " + quoteLine;
            case DOUBLE_QUOTE, BRACKET_QUOTE -> "unterminated \" quote starting on line " + quoteLine;
            case BRACKET -> "unterminated " + bracket + " bracket starting on line " + bracketLine;
            default -> null;
        };
        if (open != null && !lenient) {
            return new Unterminated(open);
        }
        // Lenient, an open word is as typed up to the end: a quote with what follows it, a bracket word its text.
        if (mode == Mode.SINGLE_QUOTE) {
            word.setLength(wordBeforeQuote);
            word.append(text, quoteStart, text.length());
        }
        if (mode == Mode.BRACKET || mode == Mode.BRACKET_QUOTE) {
            mode = Mode.AFTER_BRACKET;
        }
        if (mode != Mode.BETWEEN && mode != Mode.COMMENT) {
            endWord();
        }
        endStatement();
        mode = Mode.BETWEEN;
        return null;
    }

    /** The line of the statement being read: the one left open, after {@link #end()} reported it. */
    int openLine() {
        return statementLine;
    }

    /** How many characters were examined, in all the pieces given so far. */
    long examined() {
        return examined;
    }

    /** Reads the character at {@code pos}, moving past it unless it ends a word (then it is read again between words). */
    private void step(char c) {
        switch (mode) {
            case BETWEEN -> between(c);
            case COMMENT -> {
                if (c == '\n') {
                    mode = Mode.BETWEEN;
                } else {
                    pos++;
                }
            }
            case PLAIN -> plain(c);
            case SINGLE_QUOTE -> {
                if (c == '\'') {
                    mode = Mode.PLAIN;
                } else {
                    countLine(c);
                    word.append(c);
                }
                pos++;
            }
            case DOUBLE_QUOTE -> {
                word.append(c);
                if (quoted(c)) {
                    mode = Mode.PLAIN;
                }
                pos++;
            }
            case BRACKET -> bracketed(c);
            case BRACKET_QUOTE -> {
                if (quoted(c)) {
                    mode = Mode.BRACKET;
                }
                pos++;
            }
            case AFTER_BRACKET -> {
                // A path such as [0].name goes on after its bracket; JSON ends at white space.
                if (Character.isWhitespace(c) || c == ';') {
                    endWord();
                } else {
                    pos++;
                }
            }
        }
    }

    private void between(char c) {
        if (c == '\n' || c == ';') {
            if (c == '\n') {
                line++;
            }
            pos++;
            endStatement();
        } else if (Character.isWhitespace(c)) {
            pos++;
        } else if (c == '#') {
            mode = Mode.COMMENT;
            pos++;
        } else {
            if (words.isEmpty()) {
                statementLine = line;
            }
            lastWordStart = pos;
            wordStart = pos;
            word.setLength(0);
            if (c == '{' || c == '[') {
                mode = Mode.BRACKET;
                bracket = c;
                bracketLine = line;
                depth = 0;
            } else {
                mode = Mode.PLAIN;
            }
        }
    }

    private void plain(char c) {
        if (Character.isWhitespace(c) || c == ';') {
            endWord();
            return;
        }
        if (c == '\'' || c == '"') {
            quoteLine = line;
            quoteStart = pos;
            wordBeforeQuote = word.length();
            mode = c == '\'' ? Mode.SINGLE_QUOTE : Mode.DOUBLE_QUOTE;
        }
        if (c != '\'') {
            word.append(c);
        }
        pos++;
    }

    /** Inside a JSON value: strings are skipped whole, brackets counted, the word ended at the matching one. */
    private void bracketed(char c) {
        pos++;
        if (c == '"') {
            quoteLine = line;
            mode = Mode.BRACKET_QUOTE;
            return;
        }
        if (c == '{' || c == '[') {
            depth++;
        } else if (c == '}' || c == ']') {
            depth--;
        } else {
            countLine(c);
        }
        if (depth == 0) {
            mode = Mode.AFTER_BRACKET;
        }
    }

    /** A character inside a double-quoted string, honouring backslash escapes; true when it closes the string. */
    private boolean quoted(char c) {
        if (escaped) {
            // The escaped character is taken as it is, a newline too, without counting it.
            escaped = false;
            return false;
        }
        countLine(c);
        escaped = c == '\\';
        return c == '"';
    }

    private void countLine(char c) {
        if (c == '\n') {
            line++;
        }
    }

    private void endWord() {
        words.add(mode == Mode.AFTER_BRACKET ? text.substring(wordStart, pos) : word.toString());
        lastWordEnd = pos;
        mode = Mode.BETWEEN;
    }

    private void endStatement() {
        if (!words.isEmpty()) {
            ended.add(new Statement(List.copyOf(words), statementLine));
            words.clear();
        }
    }

    /**
     * Lets go of the text no word needs any more, once it is most of what is held: each character
     * is then moved at most about once, and a script's memory is its open statement's, not its own.
     */
    private void compact() {
        boolean inBracketWord = mode == Mode.BRACKET || mode == Mode.BRACKET_QUOTE || mode == Mode.AFTER_BRACKET;
        int needed = inBracketWord ? wordStart : pos;
        if (lenient || needed < 4096 || needed < text.length() / 2) {
            return;
        }
        text.delete(0, needed);
        pos -= needed;
        wordStart -= needed;
    }
}
