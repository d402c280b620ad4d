package dev.syncdict.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** A one-shot invocation builds the model of the one command it names; everything else gets them all. */
@Timeout(30)
class LazyModelTest {

    private static final int ALL = SyncdictCommand.commandLine(new SyncdictCommand(ShellIo.system())).getSubcommands().size();

    private static Set<String> built(String... args) {
        CommandLine cli = SyncdictCommand.commandLine(new SyncdictCommand(ShellIo.system()), args);
        return cli.getSubcommands().keySet();
    }

    @Test
    void aOneShotCommandBuildsOnlyItself() {
        assertThat(built("get", "x")).containsExactly("get");
        assertThat(built("daemon", "stop")).containsExactly("daemon");
        // Global options before the command, with their values separate or attached.
        assertThat(built("--connect", "127.0.0.1:1", "--token-file", "t", "--raw", "incr", "n")).containsExactly("incr");
        assertThat(built("--connect=127.0.0.1:1", "set", "a", "1")).containsExactly("set");
    }

    @Test
    void scriptsTheReplHelpAndUnknownNamesBuildEveryCommand() {
        assertThat(ALL).isGreaterThan(10);
        assertThat(built()).hasSize(ALL);
        assertThat(built("-c", "get x")).hasSize(ALL);
        assertThat(built("-f", "script.sd")).hasSize(ALL);
        assertThat(built("--help")).hasSize(ALL);
        assertThat(built("help", "get")).hasSize(ALL);
        // tx parses its lines with the other commands.
        assertThat(built("tx", "ops.tx")).hasSize(ALL);
        // Built whole so that picocli can say what is wrong with the name.
        assertThat(built("gett", "x")).hasSize(ALL);
    }
}
