package dev.syncdict.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncdict.daemon.Daemon;
import dev.syncdict.daemon.DaemonConfig;
import dev.syncdict.protocol.Token;
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
        PipedOutputStream feed = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(feed);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ShellIo io = new ShellIo(in, new PrintWriter(out, true), new PrintWriter(err, true), Map.copyOf(shell.env), false, false);
        AtomicInteger exit = new AtomicInteger(-1);
        Thread script = new Thread(() -> exit.set(Main.run(new String[0], io)), "script");
        script.start();

        feed.write("incr n\n".getBytes(StandardCharsets.UTF_8));
        feed.flush();
        await().until(() -> out.toString().equals("1\n"));
        // The script now waits for its next line (a piped stream waits in timed steps).
        await().until(() -> script.getState() == Thread.State.TIMED_WAITING);
        int port = shell.daemon.port();
        shell.close();
        try (Daemon again = Daemon.start(DaemonConfig.defaults(Token.of(ShellHarness.TOKEN)).withPort(port))) {
            feed.write("incr n\n".getBytes(StandardCharsets.UTF_8));
            feed.close();
            script.join();
            assertThat(err.toString()).isEmpty();
            assertThat(out.toString()).as("the second incr ran on the new daemon").isEqualTo("1\n1\n");
            assertThat(exit.get()).isZero();
        }
    }

    /** A co-process that got a failure sees the script end at once, not after one more line it may never send. */
    @Test
    void aFailureEndsTheScriptWithoutWaitingForMoreInput(@TempDir Path home) throws Exception {
        ShellHarness shell = new ShellHarness(home);
        try (PipedOutputStream feed = new PipedOutputStream()) {
            PipedInputStream in = new PipedInputStream(feed);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            ShellIo io = new ShellIo(in, new PrintWriter(out, true), new PrintWriter(err, true), Map.copyOf(shell.env), false, false);
            AtomicInteger exit = new AtomicInteger(-1);
            Thread script = new Thread(() -> exit.set(Main.run(new String[0], io)), "script");
            script.start();
            feed.write("incr n\nget nope\n".getBytes(StandardCharsets.UTF_8));
            feed.flush();
            script.join(30_000);
            assertThat(script.isAlive()).as("the script ended with its input still open").isFalse();
            assertThat(out.toString()).isEqualTo("1\n");
            assertThat(err.toString()).contains("line 2: no value at nope");
            assertThat(exit.get()).isEqualTo(ExitCode.NOT_FOUND_OR_CONDITION);
        } finally {
            shell.close();
        }
    }
}
