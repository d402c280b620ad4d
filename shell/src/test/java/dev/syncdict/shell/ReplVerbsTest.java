package dev.syncdict.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncdict.daemon.Daemon;
import dev.syncdict.daemon.DaemonConfig;
import dev.syncdict.protocol.Token;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The REPL's own commands and its session, run as the REPL runs each line, against real daemons. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReplVerbsTest {

    @TempDir
    Path home;

    private Daemon daemon;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private SyncdictCommand root;
    private Statements statements;
    private boolean cleared;
    private boolean exited;

    @BeforeEach
    void repl() throws Exception {
        daemon = Daemon.start(DaemonConfig.defaults(Token.of(ShellHarness.TOKEN)).withPort(0));
        Map<String, String> env = new HashMap<>();
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        env.put("XDG_STATE_HOME", home.resolve("state").toString());
        env.put(Target.ENV, "127.0.0.1:" + daemon.port());
        env.put(Token.ENV, ShellHarness.TOKEN);
        root = new SyncdictCommand(new ShellIo(new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true),
                new PrintWriter(err, true), env, true, false));
        CommandLine cli = SyncdictCommand.commandLine(root);
        ReplVerbs.install(cli, new ReplVerbs.Screen() {
            @Override
            public void clear() {
                cleared = true;
            }

            @Override
            public void exit() {
                exited = true;
            }
        });
        // As in the shell, the REPL's lines run after the root command line was parsed (picocli relies on it).
        cli.parseArgs();
        statements = new Statements(root, root.session(), false);
    }

    @AfterEach
    void stop() {
        root.close();
        daemon.close();
    }

    private String run(String line) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        statements.runText(line);
        return out + err.toString();
    }

    @Test
    void usePathsAreRelativeToTheBase() {
        run("set users {\"alice\": {\"age\": 3}, \"bob\": 1}");
        run("use users");
        assertThat(run("get alice.age")).isEqualTo("3\n");
        assertThat(run("keys")).isEqualTo("[\"alice\",\"bob\"]\n");
        run("use alice");
        assertThat(root.session().base().toString()).isEqualTo("users.alice");
        run("use .");
        assertThat(run("incr age; get .")).isEqualTo("4\n{\"age\":4}\n");
        run("use ..");
        assertThat(run("tx users-none.tx")).contains("no such file");
        run("use /");
        assertThat(run("get users.bob")).isEqualTo("1\n");
        assertThat(run("use a..b")).contains("not a path, at column 3");
    }

    @Test
    void helpListsTheReplsCommandsAndNoOneShotOptions() {
        String help = run("help");
        assertThat(help).contains("get ", "use ", "connect ", "clear ", "exit, quit").doesNotContain("--keep-going", "-c ");
        assertThat(run("help use")).startsWith("Usage: syncdict use [--help] [PATH]");
        assertThat(run("get --help")).startsWith("Usage: syncdict get [--help] PATH [every DURATION] [times N]");
        assertThat(run("hepl")).isEqualTo("syncdict: unknown command 'hepl': did you mean help? (help lists the commands)\n");
        run("clear");
        run("quit");
        assertThat(cleared).isTrue();
        assertThat(exited).isTrue();
    }

    @Test
    void connectSwitchesDaemonsAndTheNextCommandReconnectsAfterARestart() throws Exception {
        run("set where first");
        try (Daemon other = Daemon.start(DaemonConfig.defaults(Token.of(ShellHarness.TOKEN)).withPort(0))) {
            assertThat(run("connect 127.0.0.1:" + other.port() + "; get where")).contains("no value at where");
            assertThat(root.session().target().port()).isEqualTo(other.port());
        }
        run("connect 127.0.0.1:" + daemon.port());
        assertThat(run("incr n")).isEqualTo("1\n");
        // The daemon goes away and a new one takes its port: the next command runs on its first try.
        int port = daemon.port();
        daemon.close();
        daemon = Daemon.start(DaemonConfig.defaults(Token.of(ShellHarness.TOKEN)).withPort(port));
        assertThat(root.session().disconnected()).isTrue();
        assertThat(run("incr n")).isEqualTo("1\n");
        assertThat(root.session().disconnected()).isFalse();
    }

    @Test
    void hintsShowWhatTheCommandStillTakes() {
        assertThat(statements.hint("get ")).isEqualTo("PATH [every DURATION] [times N]");
        assertThat(statements.hint("incr x ")).isEqualTo("[AMOUNT] [every DURATION] [times N]");
        assertThat(statements.hint("get x every 1s ")).isEqualTo("[times N]");
        assertThat(statements.hint("get x")).isEmpty();
        assertThat(statements.hint("nosuch ")).isEmpty();
    }
}
