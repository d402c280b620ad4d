package dev.syncdict.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncdict.protocol.Codec;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The quick parser reads what it takes exactly as picocli does (the same request, the same global
 * options) and leaves everything else to picocli. Arguments below are separated by '|'.
 */
@Timeout(30)
class QuickParserTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "get|x", "get|a.b[2]", "get|.", "set|a|1", "set|a|{\"k\":[1,2]}", "set|a|bob", "set|a|\"text\"",
        "set|a|1|--if-absent", "set|--if-absent|a|1", "set|a|2|--if-value|1", "set|a|2|--if-rev|0", "set|a|2|--if-rev=3",
        "del|a", "del|a|--if-value|{\"x\":1}", "incr|n", "incr|n|2.5", "keys", "keys|a", "keys|--prefix|k|--limit|5",
        "keys|a|--after|k1", "keys|--prefix|get", "dump", "dump|a", "ping", "info", "shutdown",
        "--raw|get|x", "--json|--no-color|get|x", "--connect|127.0.0.1:1|--timeout|2s|incr|n",
        "--connect=127.0.0.1:1|get|x", "--token-file|/tmp/t|--no-autostart|ping", "--tls|--cacert|ca.pem|get|x",
        "--cert|c.pem|--key|k.pem|get|x", "--keep-going|get|x",
    })
    void readsWhatItTakesAsPicocliDoes(String line) throws Exception {
        String[] args = args(line);
        QuickParser.Invocation quick = QuickParser.instance().invocation(args, ShellIo.system());
        assertThat(quick).as("the quick parser reads %s", line).isNotNull();
        SyncdictCommand root = new SyncdictCommand(ShellIo.system());
        CommandLine.ParseResult parsed = SyncdictCommand.commandLine(root, args).parseArgs(args);
        OpCommand picocli = parsed.subcommand().commandSpec().commandLine().getCommand();
        assertThat(quick.command()).isExactlyInstanceOf(picocli.getClass());
        assertThat(Codec.encode(quick.command().request())).isEqualTo(Codec.encode(picocli.request()));
        assertThat(quick.command().repeats()).isFalse();
        assertSameGlobalOptions(quick.root(), root, line);
    }

    /** With no command, the global options ask for a script or the REPL, which the root runs. */
    @ParameterizedTest
    @ValueSource(strings = {"", "--raw", "--keep-going|--json", "-c|get x; incr n", "-f|script.sd", "--connect|h:1|-c|ping x"})
    void readsTheGlobalOptionsOfAScriptAsPicocliDoes(String line) throws Exception {
        String[] args = args(line);
        QuickParser.Invocation quick = QuickParser.instance().invocation(args, ShellIo.system());
        assertThat(quick).as("the quick parser reads %s", line).isNotNull();
        assertThat(quick.command()).isNull();
        SyncdictCommand root = new SyncdictCommand(ShellIo.system());
        assertThat(SyncdictCommand.commandLine(root, args).parseArgs(args).hasSubcommand()).isFalse();
        assertSameGlobalOptions(quick.root(), root, line);
    }

    private static void assertSameGlobalOptions(SyncdictCommand quick, SyncdictCommand picocli, String line) throws Exception {
        for (Field option : SyncdictCommand.class.getDeclaredFields()) {
            if (option.isAnnotationPresent(CommandLine.Option.class)) {
                option.setAccessible(true);
                assertThat(Objects.toString(option.get(quick)))
                        .as("%s after %s", option.getName(), line).isEqualTo(Objects.toString(option.get(picocli)));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "get", "get|", "get|x|y", "get|x|every|1s", "incr|n|1|times|3", "get|--help", "get|-h", "--help|get|x",
        "--version", "get|@args.txt", "get|--|x", "incr|n|-1", "set|a", "set|a|1|--if-absent|--if-absent", "--raw|--raw|get|x",
        "set|a|1|--if-absent=true", "set|a|1|--if-rev", "set|a|1|--if-rev|-1", "set|a|1|--if-rev|x", "set|a|{oops",
        "get|a..b", "keys|--limit|0", "keys|--nope", "gett|x", "help|get", "tx|f", "load|f", "watch", "daemon|stop",
        "--connect|get|x", "--timeout|soon|get|x", "get|x|--raw", "-c", "--keep-going|-f",
        // picocli takes no command's name as an option's value.
        "-c|ping", "--connect|get|x",
    })
    void leavesEverythingElseToPicocli(String line) {
        assertThat(QuickParser.instance().invocation(args(line), ShellIo.system())).as("%s is picocli's", line).isNull();
    }

    /** Main answers the version option alone before picocli starts, with exactly picocli's answer. */
    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V"})
    void answersTheVersionAloneAsPicocliDoes(String option) {
        String[] args = {option};
        assertThat(Main.asksForVersionOnly(args)).isTrue();
        StringWriter quick = new StringWriter();
        assertThat(Main.run(args, io(quick))).isZero();
        StringWriter picocli = new StringWriter();
        SyncdictCommand root = new SyncdictCommand(io(picocli));
        assertThat(SyncdictCommand.commandLine(root, args).execute(args)).isZero();
        assertThat(quick.toString()).startsWith("syncdict ").isEqualTo(picocli.toString());
        assertThat(Main.asksForVersionOnly(new String[] {option, "get"})).isFalse();
        assertThat(Main.asksForVersionOnly(new String[] {"--raw", option})).isFalse();
    }

    private static ShellIo io(StringWriter out) {
        return new ShellIo(new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                Map.of(), false, false);
    }

    private static String[] args(String line) {
        return line.isEmpty() ? new String[0] : Arrays.stream(line.split("\\|", -1)).toArray(String[]::new);
    }
}
