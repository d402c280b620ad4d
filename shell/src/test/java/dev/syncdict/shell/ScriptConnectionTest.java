package dev.syncdict.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncdict.daemon.Daemon;
import dev.syncdict.daemon.DaemonConfig;
import dev.syncdict.protocol.Token;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A script statement that had to wait for its line (a co-process's next command) checks the
 * connection before sending, so a daemon that restarted meanwhile costs it nothing; statements
 * that were already waiting behind the one before skip the check (Session.backToBack).
 */
@Timeout(60)
class ScriptConnectionTest {

    @Test
    void aLineThatCameAfterAWaitReconnectsToARestartedDaemon(@TempDir Path home) throws Exception {
        ShellHarness shell = new ShellHarness(home);
        FedScript script = new FedScript(shell);
        script.send("incr n\n");
        await().until(() -> script.out.toString().equals("1\n"));
        // The script now waits for its next line (a piped stream waits in timed steps).
        await().until(() -> script.thread.getState() == Thread.State.TIMED_WAITING);
        int port = shell.daemon.port();
        shell.close();
        try (Daemon again = Daemon.start(DaemonConfig.defaults(Token.of(ShellHarness.TOKEN)).withPort(port))) {
            script.send("incr n\n");
            script.feed.close();
            script.thread.join();
            assertThat(script.err.toString()).isEmpty();
            assertThat(script.out.toString()).as("the second incr ran on the new daemon").isEqualTo("1\n1\n");
            assertThat(script.exit.get()).isZero();
        }
    }

    /** A co-process that got a failure sees the script end at once, not after one more line it may never send. */
    @Test
    void aFailureEndsTheScriptWithoutWaitingForMoreInput(@TempDir Path home) throws Exception {
        ShellHarness shell = new ShellHarness(home);
        FedScript script = new FedScript(shell);
        try (PipedOutputStream feed = script.feed) {
            script.send("incr n\nget nope\n");
            script.thread.join(30_000);
            assertThat(script.thread.isAlive()).as("the script ended with its input still open").isFalse();
            assertThat(script.out.toString()).isEqualTo("1\n");
            assertThat(script.err.toString()).contains("line 2: no value at nope");
            assertThat(script.exit.get()).isEqualTo(ExitCode.NOT_FOUND_OR_CONDITION);
        } finally {
            shell.close();
        }
    }

    /** A shell reading a script from a pipe the test writes to, as a co-process's partner would, on a thread of its own. */
    private static final class FedScript {
        final PipedOutputStream feed = new PipedOutputStream();
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final AtomicInteger exit = new AtomicInteger(-1);
        final Thread thread;

        FedScript(ShellHarness shell) throws IOException {
            ShellIo io = new ShellIo(new PipedInputStream(feed), new PrintWriter(out, true), new PrintWriter(err, true),
                    Map.copyOf(shell.env), false, false);
            thread = new Thread(() -> exit.set(Main.run(new String[0], io)), "script");
            thread.start();
        }

        void send(String lines) throws IOException {
            feed.write(lines.getBytes(StandardCharsets.UTF_8));
            feed.flush();
        }
    }
}
