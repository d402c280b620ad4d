package dev.syncdict.shell.terminal;

import java.util.Map;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.LineReader;
import org.jline.reader.impl.CompletionMatcherImpl;

/**
 * JLine's matching, plus one case it cannot know: the engine offers {@code users."red.ones"} for
 * a typed {@code users.re}, a key that must be quoted, so the candidate does not start with the
 * word typed. Such a candidate is kept when it shares the path up to the word's last '.'.
 */
final class EngineMatcher extends CompletionMatcherImpl {

    @Override
    protected void defaultMatchers(Map<LineReader.Option, Boolean> options, boolean prefix, CompletingParsedLine line,
            boolean caseInsensitive, int errors, String originalGroupName) {
        super.defaultMatchers(options, prefix, line, caseInsensitive, errors, originalGroupName);
        String word = line.word();
        String parent = word.substring(0, word.lastIndexOf('.') + 1);
        matchers.add(simpleMatcher(value -> value.indexOf('"', parent.length()) >= 0 && value.startsWith(parent)));
    }
}
