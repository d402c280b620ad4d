package dev.syncdict.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncdict.protocol.Op;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The protocol's ops and the shell's commands must not drift apart. */
class VocabularyTest {

    @Test
    void everyOpHasACommandOfTheSameNameThatSendsIt() {
        CommandLine cli = SyncdictCommand.commandLine(new SyncdictCommand(ShellIo.system()));
        Map<String, Op> sentByCommand = new TreeMap<>();
        cli.getSubcommands().forEach((name, command) -> {
            if (command.getCommand() instanceof OpCommand) {
                sentByCommand.put(name, Op.byWireName(name));
            }
        });
        Map<String, Op> ops = Arrays.stream(Op.values())
                .filter(op -> op.access() != Op.Access.HANDSHAKE)
                .collect(Collectors.toMap(Op::wireName, op -> op, (a, b) -> a, TreeMap::new));
        assertThat(sentByCommand).isEqualTo(ops);
    }
}
