package dev.syncdict.shell.terminal;

import dev.syncdict.shell.Statements;
import org.jline.reader.LineReader;
import org.jline.reader.impl.DefaultHighlighter;
import org.jline.utils.AttributedString;

/**
 * Shows, dimmed beside the line, what the command being typed still takes ({@code get } hints
 * {@code PATH [every DURATION] [times N]}). JLine redraws the line through its highlighter on
 * every key, which makes it the one place that sees each change of the line.
 */
final class Hints extends DefaultHighlighter {

    private final Statements statements;

    Hints(Statements statements) {
        this.statements = statements;
    }

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        boolean atEnd = reader.getBuffer().cursor() == buffer.length();
        reader.setTailTip(atEnd ? statements.hint(buffer) : "");
        return super.highlight(reader, buffer);
    }
}
