package dev.syncdict.shell.terminal;

import dev.syncdict.shell.complete.Completer;
import java.util.List;
import org.jline.builtins.Completers;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/** Hands JLine what the shell's {@link Completer} offers for the word under the cursor. */
final class ReplCompleter implements org.jline.reader.Completer {

    private final Completer completer;
    private final org.jline.reader.Completer files = new Completers.FileNameCompleter();

    ReplCompleter(Completer completer) {
        this.completer = completer;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words().subList(0, line.wordIndex());
        for (dev.syncdict.shell.complete.Candidate offered : completer.complete(words, line.word())) {
            if (offered == Completer.FILES) {
                files.complete(reader, line, candidates);
            } else {
                candidates.add(new Candidate(offered.value(), offered.value(), null, offered.description(), null, null,
                        offered.complete()));
            }
        }
    }
}
