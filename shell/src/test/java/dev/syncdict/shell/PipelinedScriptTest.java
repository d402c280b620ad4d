package dev.syncdict.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A script's requests go ahead of their replies (ScriptRun); what it prints, and what it applies,
 * must not change: without --keep-going, nothing after the first failing statement.
 */
@Timeout(60)
class PipelinedScriptTest {

    @AutoClose
    private final ShellHarness shell;

    PipelinedScriptTest(@TempDir Path home) throws InterruptedException {
        shell = new ShellHarness(home);
    }

    @Test
    void resultsAndErrorsComeInStatementOrderWithTheirLines() {
        String script = "set a 1\nget nope\nincr a 2\nincr a 1 every 1ms times 2\nget a --bogus\nget a\n";
        ShellHarness.Result result = shell.runWithInput(script, false, "--keep-going");
        // The repetition and the usage error run by themselves, after what was queued before them. Each
        // statement answers on standard output, a failure with its error: the script goes on after it.
        assertThat(result.out()).isEqualTo("\"OK\"\n{\"error\":{\"code\":\"not_found\",\"message\":\"line 2: no value at nope\"}}\n3\n4\n5\n"
                + "{\"error\":{\"code\":\"usage\",\"message\":\"line 5: get: unknown option --bogus (see: syncdict get --help)\"}}\n5\n");
        assertThat(result.err().lines()).hasSize(2);
        assertThat(result.err().lines().toList().get(0)).isEqualTo("syncdict: line 2: no value at nope (not_found)");
        assertThat(result.err().lines().toList().get(1)).startsWith("syncdict: line 5: ").contains("--bogus");
        assertThat(result.exit()).isEqualTo(ExitCode.USAGE);
    }

    /** Picocli reuses a command's object: one whose reply is still owed (a tx keeps its ops to show it) is not parsed again. */
    @Test
    void twoTransactionsInAScriptEachShowTheirOwnResults(@TempDir Path dir) throws Exception {
        Path first = java.nio.file.Files.writeString(dir.resolve("first.tx"), "set x 1\nincr y 5\n");
        Path second = java.nio.file.Files.writeString(dir.resolve("second.tx"), "get x\n");
        ShellHarness.Result result = shell.runWithInput("tx " + first + "\ntx " + second + "\n", false);
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).isEqualTo("\"OK\"\n5\n1\n");
        assertThat(result.exit()).isZero();
    }

    @Test
    void aLongScriptKeepsEveryResultInOrder() {
        StringBuilder script = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int i = 1; i <= 3000; i++) {
            script.append(i % 2 == 0 ? "incr n\n" : "incr m 2\n");
            expected.append(i % 2 == 0 ? i / 2 : i + 1).append('\n');
        }
        ShellHarness.Result result = shell.runWithInput(script.toString(), false, "--keep-going");
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).isEqualTo(expected.toString());
        assertThat(result.exit()).isZero();
    }

    @Test
    void aRefusedConnectionEndsAKeptGoingScriptInsteadOfBeingTriedPerBatch(@TempDir Path dir) throws Exception {
        Path wrongToken = dir.resolve("token");
        java.nio.file.Files.writeString(wrongToken, "not-the-daemons-token");
        java.nio.file.Files.setPosixFilePermissions(wrongToken, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        // Three batches' worth of statements, and one that cannot go ahead between them.
        String script = "incr n\n".repeat(2500) + "incr n every 1ms times 2\n" + "incr n\n".repeat(10);
        ShellHarness.Result result = shell.runWithInput(script, false, "--keep-going", "--token-file", wrongToken.toString());
        assertThat(result.err().lines()).singleElement().asString().contains("unauthorized");
        assertThat(result.out().lines()).singleElement().asString().startsWith("{\"error\":{\"code\":\"unauthorized\"");
        assertThat(result.exit()).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(shell.run("get", "n").exit()).isEqualTo(ExitCode.NOT_FOUND_OR_CONDITION);
    }

    @Test
    void aScriptWhoseThirdOfFiveStatementsFailsAppliesExactlyTheFirstTwo(@TempDir Path dir) throws Exception {
        String script = "set a 1\nincr a\nget nope\nincr a\nset b 2\n";
        Path file = dir.resolve("script");
        java.nio.file.Files.writeString(file, script);
        // Read from standard input, set answers "OK"; from a file it prints nothing.
        for (java.util.Map.Entry<java.util.function.Supplier<ShellHarness.Result>, String> run : java.util.Map.<java.util.function.Supplier<ShellHarness.Result>, String>of(
                () -> shell.runWithInput(script, false), "\"OK\"\n2\n", () -> shell.run("-f", file.toString()), "2\n").entrySet()) {
            ShellHarness.Result result = run.getKey().get();
            // All five were sent before the failure came back: the daemon skipped the last two.
            assertThat(result.out()).isEqualTo(run.getValue());
            assertThat(result.err()).isEqualTo("syncdict: line 3: no value at nope (not_found)\n");
            assertThat(result.exit()).isEqualTo(ExitCode.NOT_FOUND_OR_CONDITION);
            assertThat(shell.run("dump").out()).isEqualTo("{\"a\":2}\n");
            assertThat(shell.run("del", "a").exit()).isZero();
        }
    }

    @Test
    void aLargeScriptWithoutKeepGoingPrintsEveryResultInOrder() {
        StringBuilder script = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int i = 1; i <= 5000; i++) {
            script.append(i % 2 == 0 ? "incr n\n" : "incr m 2\n");
            expected.append(i % 2 == 0 ? i / 2 : i + 1).append('\n');
            if (i == 2500) {
                // Runs by itself, once everything before it is answered, and the script goes on sending ahead.
                script.append("incr k every 1ms times 2\n");
                expected.append("1\n2\n");
            }
        }
        script.append("get n\nget nope\nincr n\n");
        expected.append("2500\n");
        ShellHarness.Result result = shell.runWithInput(script.toString(), false);
        assertThat(result.err()).isEqualTo("syncdict: line 5003: no value at nope (not_found)\n");
        assertThat(result.out()).isEqualTo(expected.toString());
        assertThat(result.exit()).isEqualTo(ExitCode.NOT_FOUND_OR_CONDITION);
        assertThat(shell.run("get", "n").out()).isEqualTo("2500\n");
    }

    @Test
    void losingTheDaemonWithStatementsInFlightSaysFromWhichLineTheOutcomeIsUnknown() {
        String script = "incr n\n".repeat(5) + "shutdown\n" + "incr n\n".repeat(5);
        ShellHarness.Result result = shell.runWithInput(script, false);
        assertThat(result.out()).startsWith("1\n2\n3\n4\n5\n");
        assertThat(result.err()).startsWith("syncdict: line 7: lost the daemon at 127.0.0.1:" + shell.daemon.port() + ": ")
                .endsWith("; whether line 7 and the statements sent after it ran is unknown, and nothing after them was sent\n");
        assertThat(result.exit()).isEqualTo(ExitCode.UNAVAILABLE);
    }

    /**
     * Past 64 KiB of requests unanswered, a send first reads the oldest replies: when the connection
     * breaks there, those replies are still shown, and the line named is the first without one.
     */
    @Test
    void losingTheDaemonWhileASendReadsAheadShowsWhatWasReadAndNamesTheFirstLineUnanswered() {
        String incr = "incr " + "k".repeat(700) + "\n";
        String script = incr.repeat(4) + "shutdown\n" + incr.repeat(150);
        ShellHarness.Result result = shell.runWithInput(script, false);
        // The daemon ends the connection after its last reply and reads the rest of the script
        // away before closing, so no reset destroys a reply already sent: all five are shown,
        // and the line named is the first sent after the shutdown.
        assertThat(result.out()).isEqualTo("1\n2\n3\n4\n\"OK\"\n");
        assertThat(result.err()).startsWith("syncdict: line 6: lost the daemon at 127.0.0.1:" + shell.daemon.port() + ": ")
                .endsWith("; whether line 6 and the statements sent after it ran is unknown, and nothing after them was sent\n");
        assertThat(result.exit()).isEqualTo(ExitCode.UNAVAILABLE);
    }

    @Test
    void withoutKeepGoingTheFirstFailureStillStopsTheScript() {
        ShellHarness.Result result = shell.runWithInput("incr a\nget nope\nincr a\n", false);
        assertThat(result.out()).isEqualTo("1\n");
        assertThat(result.exit()).isEqualTo(ExitCode.NOT_FOUND_OR_CONDITION);
        assertThat(shell.run("get", "a").out()).isEqualTo("1\n");
    }
}
