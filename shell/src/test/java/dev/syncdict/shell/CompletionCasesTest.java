package dev.syncdict.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncdict.client.SyncdictClient;
import dev.syncdict.daemon.Daemon;
import dev.syncdict.daemon.DaemonConfig;
import dev.syncdict.protocol.Json;
import dev.syncdict.protocol.Token;
import dev.syncdict.shell.complete.Candidate;
import dev.syncdict.shell.complete.Completer;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs every case of completion-cases.txt against a real daemon holding nested data (see the file). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CompletionCasesTest {

    @TempDir
    static Path home;

    private static Daemon daemon;
    private static int awayPort;

    @BeforeAll
    static void startDaemons() throws Exception {
        Daemon gone = Daemon.start(DaemonConfig.defaults(Token.of(ShellHarness.TOKEN)).withPort(0));
        awayPort = gone.port();
        gone.close();
        daemon = Daemon.start(DaemonConfig.defaults(Token.of(ShellHarness.TOKEN)).withPort(0));
        Map<String, Object> big = new LinkedHashMap<>();
        for (int i = 0; i < 100_000; i++) {
            big.put(String.format("k%06d", i), java.math.BigDecimal.ZERO);
        }
        try (SyncdictClient client = SyncdictClient.connect("127.0.0.1", daemon.port(), Token.of(ShellHarness.TOKEN))) {
            client.set("users", Json.parse("{\"alice\": {\"age\": 3, \"tags\": [\"a\", \"b\"]}, \"bob\": 1, \"odd.key\": {\"x\": 1}}"));
            client.set("usage", Json.parse("5"));
            client.set("tags", Json.parse("[1, 2, {\"a\": 1}]"));
            client.set("empty", Json.parse("{\"list\": [], \"obj\": {}}"));
            client.set("big", big);
        }
    }

    @AfterAll
    static void stopDaemon() {
        daemon.close();
    }

    @TestFactory
    Stream<DynamicTest> cases() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        String mode = "@repl";
        for (String line : Files.readAllLines(Path.of("src/test/resources/completion-cases.txt"), StandardCharsets.UTF_8)) {
            if (line.startsWith("@")) {
                mode = line.strip();
            } else if (!line.isBlank() && !line.startsWith("#")) {
                String typed = line.substring(0, line.indexOf('|'));
                List<String> expected = List.of(line.substring(line.indexOf("=>") + 2).strip().split(" +"));
                String caseMode = mode;
                tests.add(DynamicTest.dynamicTest(caseMode + " [" + typed + "]", () -> check(caseMode, typed, expected)));
            }
        }
        return tests.stream();
    }

    private static void check(String mode, String typed, List<String> expected) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ShellIo io = new ShellIo(new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true), new PrintWriter(err, true),
                env(mode.equals("@away") ? awayPort : daemon.port()), false, false);
        List<String> shown = mode.equals("@shell") ? throughEntryPoint(io, typed, out) : inRepl(io, typed);
        if (expected.size() == 1 && expected.get(0).startsWith("#")) {
            assertThat(shown).as("candidates for [%s]", typed).hasSize(Integer.parseInt(expected.get(0).substring(1)));
        } else {
            assertThat(shown).as("candidates for [%s]", typed).isEqualTo(expected.equals(List.of("(none)")) ? List.of() : expected);
        }
        if (!mode.equals("@shell")) {
            assertThat(out.toString()).as("printed while completing").isEmpty();
        }
        assertThat(err.toString()).as("errors while completing").isEmpty();
    }

    /** As the REPL completes: its command model, the line split by the script tokenizer. */
    private static List<String> inRepl(ShellIo io, String typed) {
        try (SyncdictCommand root = new SyncdictCommand(io)) {
            CommandLine cli = SyncdictCommand.commandLine(root);
            ReplVerbs.install(cli, new ReplVerbs.Screen() {
                @Override
                public void clear() {}

                @Override
                public void exit() {}
            });
            Tokenizer.Partial partial = Tokenizer.partial(typed);
            List<String> shown = new ArrayList<>();
            for (Candidate candidate : new Completer(cli.getCommandSpec(), root.session().keys()).complete(partial.words(), partial.current())) {
                shown.add(candidate.value() + (candidate.complete() ? "" : "…"));
            }
            return shown;
        }
    }

    /** As bash, zsh and fish complete: {@code syncdict __complete WORD... CURRENT}, read back from its output. */
    private static List<String> throughEntryPoint(ShellIo io, String typed, StringWriter out) {
        Tokenizer.Partial partial = Tokenizer.partial(typed);
        List<String> args = new ArrayList<>(List.of("__complete"));
        args.addAll(partial.words());
        args.add(partial.current());
        assertThat(Main.run(args.toArray(new String[0]), io)).isZero();
        List<String> shown = new ArrayList<>();
        for (String line : out.toString().lines().toList()) {
            String value = line.substring(0, line.indexOf('\t'));
            shown.add(value.isEmpty() ? "(FILE)" : value.endsWith(" ") ? value.strip() : value + "…");
        }
        return shown;
    }

    private static Map<String, String> env(int port) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        env.put("XDG_STATE_HOME", home.resolve("state").toString());
        env.put(Target.ENV, "127.0.0.1:" + port);
        env.put(Token.ENV, ShellHarness.TOKEN);
        return env;
    }
}
