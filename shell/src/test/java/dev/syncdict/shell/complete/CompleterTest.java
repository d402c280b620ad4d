package dev.syncdict.shell.complete;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What the shell's own model does not exercise yet: option values from a fixed set. */
class CompleterTest {

    enum Policy { ALWAYS, EVERYSEC, NO }

    @Command(name = "tool", subcommands = Sync.class)
    static final class Tool {}

    @Command(name = "sync")
    static final class Sync {
        @Option(names = "--fsync", paramLabel = "POLICY")
        Policy fsync;

        @Parameters(paramLabel = "PATH")
        String path;
    }

    private final Completer completer = new Completer(new CommandLine(new Tool()).getCommandSpec(),
            (path, prefix, limit) -> new KeySource.Listing(List.of("alpha", "beta"), List.of("number", "object"), false));

    private List<String> values(String... words) {
        List<String> typed = List.of(words);
        return completer.complete(typed.subList(0, typed.size() - 1), typed.get(typed.size() - 1)).stream()
                .map(Candidate::value).toList();
    }

    @Test
    void anOptionWithAFixedSetOffersItsValues() {
        assertThat(values("sync", "--fsync", "")).containsExactly("ALWAYS", "EVERYSEC", "NO");
        assertThat(values("sync", "--fsync", "E")).containsExactly("EVERYSEC");
        assertThat(values("sync", "--fsync", "NO", "")).containsExactly("alpha", "beta");
    }
}
