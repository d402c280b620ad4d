package dev.syncdict.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncdict.protocol.Op;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The protocol's ops and the shell's commands must not drift apart. */
class VocabularyTest {

    @TempDir
    Path dir;

    @Test
    void everyOpHasACommandOfTheSameNameThatSendsIt() throws Exception {
        Map<String, List<String>> samples = Map.ofEntries(
                Map.entry("get", List.of("a")), Map.entry("set", List.of("a", "1")), Map.entry("del", List.of("a")),
                Map.entry("incr", List.of("a")), Map.entry("keys", List.of()), Map.entry("dump", List.of()),
                Map.entry("load", List.of(Files.writeString(dir.resolve("value.json"), "{}").toString())),
                Map.entry("tx", List.of(Files.writeString(dir.resolve("tx.sd"), "get a\n").toString())),
                Map.entry("info", List.of()), Map.entry("ping", List.of()), Map.entry("shutdown", List.of()),
                Map.entry("daemon compact", List.of()), Map.entry("daemon rotate-token", List.of()));
        CommandLine cli = SyncdictCommand.commandLine(new SyncdictCommand(ShellIo.system()));
        Map<String, Op> sentByCommand = new TreeMap<>();
        // An op's command may sit under another (daemon compact): its own name is the op's.
        List<CommandLine> commands = new java.util.ArrayList<>(cli.getSubcommands().values());
        for (int i = 0; i < commands.size(); i++) {
            CommandLine command = commands.get(i);
            commands.addAll(command.getSubcommands().values());
            if (command.getCommand() instanceof OpCommand) {
                String path = command.getCommandSpec().qualifiedName(" ").substring(cli.getCommandName().length() + 1);
                assertThat(samples).as("a sample invocation of %s", path).containsKey(path);
                List<String> invocation = new java.util.ArrayList<>(List.of(path.split(" ")));
                invocation.addAll(samples.get(path));
                cli.parseArgs(invocation.toArray(new String[0]));
                OpCommand op = command.getCommand();
                op.prepare();
                // A command's name is the op's, with a dash where the wire has an underscore.
                sentByCommand.put(command.getCommandName().replace('-', '_'), op.request().op());
            }
        }
        Map<String, Op> ops = Arrays.stream(Op.values())
                .filter(op -> op.access() != Op.Access.HANDSHAKE && op.access() != Op.Access.WATCH)
                .collect(Collectors.toMap(Op::wireName, op -> op, (a, b) -> a, TreeMap::new));
        assertThat(sentByCommand).isEqualTo(ops);
        // watch and unwatch stream rather than answer once: the watch command speaks both through the client.
        assertThat((Object) cli.getSubcommands().get("watch").getCommand()).isInstanceOf(dev.syncdict.shell.commands.WatchCommand.class);
    }
}
