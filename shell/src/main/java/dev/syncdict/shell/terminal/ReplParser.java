package dev.syncdict.shell.terminal;

import dev.syncdict.shell.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * Splits REPL input with the same {@link Tokenizer} as scripts: a JSON value or quote left open
 * asks JLine for another line ({@link EOFError}, shown with the continuation prompt), and the word
 * under the cursor is the raw text typed, so completion replaces exactly what was typed.
 */
final class ReplParser implements Parser {

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE) {
            try {
                Tokenizer.statements(line);
            } catch (Tokenizer.Unterminated open) {
                throw new EOFError(-1, -1, open.getMessage());
            }
        }
        return new Line(line, cursor, Tokenizer.partial(line.substring(0, Math.min(cursor, line.length()))));
    }

    /** The line with the cursor's word as typed; candidates are inserted as they are, never escaped. */
    private record Line(String line, int cursor, Tokenizer.Partial partial) implements CompletingParsedLine {

        @Override
        public String word() {
            return partial.current();
        }

        @Override
        public int wordCursor() {
            return partial.current().length();
        }

        @Override
        public int wordIndex() {
            return partial.words().size();
        }

        @Override
        public List<String> words() {
            List<String> words = new ArrayList<>(partial.words());
            words.add(partial.current());
            return words;
        }

        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return wordCursor();
        }

        @Override
        public int rawWordLength() {
            return wordCursor();
        }
    }
}
