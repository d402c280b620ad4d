package dev.syncdict.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every command and every error class through the real entry point: stdout, stderr, exit code. */
class ShellEndToEndTest {

    @TempDir
    Path home;

    private ShellHarness shell;

    @BeforeEach
    void start() throws InterruptedException {
        shell = new ShellHarness(home);
    }

    @AfterEach
    void stop() {
        shell.close();
    }

    private ShellHarness.Result ok(String... args) {
        ShellHarness.Result result = shell.run(args);
        assertThat(result.exit()).as("exit of %s; stderr: %s", String.join(" ", args), result.err()).isZero();
        assertThat(result.err()).isEmpty();
        return result;
    }

    @Test
    void setGetAndCompactOutputWhenNotATerminal() {
        assertThat(ok("set", "inventory", "{}").out()).isEmpty();
        assertThat(ok("set", "inventory.apples", "3").out()).isEmpty();
        assertThat(ok("get", "inventory").out()).isEqualTo("{\"apples\":3}\n");
        assertThat(ok("get", "inventory.apples").out()).isEqualTo("3\n");
        assertThat(ok("set", "a.b.c", "1").out()).isEmpty();
        assertThat(ok("get", "a").out()).isEqualTo("{\"b\":{\"c\":1}}\n");
    }

    @Test
    void aWordThatIsNotJsonIsAString() {
        ok("set", "name", "bob");
        assertThat(ok("get", "name").out()).isEqualTo("\"bob\"\n");
        assertThat(ok("--raw", "get", "name").out()).isEqualTo("bob\n");
        ok("set", "v", "1.2.3");
        assertThat(ok("get", "v").out()).isEqualTo("\"1.2.3\"\n");
        ok("set", "quoted", "\"42\"");
        assertThat(ok("get", "quoted").out()).isEqualTo("\"42\"\n");
    }

    @Test
    void incrIsExactAndKeepsIntegers() {
        assertThat(ok("incr", "visits").out()).isEqualTo("1\n");
        assertThat(ok("incr", "visits", "2").out()).isEqualTo("3\n");
        assertThat(ok("incr", "visits", "-0.5").out()).isEqualTo("2.5\n");
        for (int i = 0; i < 9; i++) {
            ok("incr", "tenth", "0.1");
        }
        assertThat(ok("incr", "tenth", "0.1").out()).isEqualTo("1.0\n");
    }

    @Test
    void delKeysDumpInfoPing() {
        ok("-c", "set b 2; set a 1; set c.x 1");
        assertThat(ok("keys").out()).isEqualTo("[\"a\",\"b\",\"c\"]\n");
        assertThat(ok("--raw", "keys", "--limit", "2").out()).isEqualTo("a\nb\n");
        assertThat(ok("keys", "--after", "a", "--prefix", "b").out()).isEqualTo("[\"b\"]\n");
        assertThat(ok("del", "b").out()).isEmpty();
        assertThat(ok("dump").out()).isEqualTo("{\"a\":1,\"c\":{\"x\":1}}\n");
        assertThat(ok("dump", "c").out()).isEqualTo("{\"x\":1}\n");
        assertThat(ok("ping").out()).isEqualTo("\"pong\"\n");
        assertThat(ok("info").out()).contains("\"version\":\"0.1.0\"").contains("\"keys\":2");
    }

    @Test
    void conditionsFailWithExitOneAndChangeNothing() {
        ok("set", "n", "1", "--if-absent");
        ShellHarness.Result absent = shell.run("set", "n", "2", "--if-absent");
        assertThat(absent.exit()).isEqualTo(ExitCode.NOT_FOUND_OR_CONDITION);
        assertThat(absent.err()).isEqualTo("syncdict: n already has a value (condition_failed)\n");
        assertThat(shell.run("set", "n", "2", "--if-value", "5").exit()).isEqualTo(1);
        assertThat(shell.run("del", "n", "--if-rev", "99").err()).contains("n is at revision 1, not 99");
        ok("set", "n", "2", "--if-value", "1");
        ok("set", "n", "3", "--if-rev", "2");
        assertThat(ok("get", "n").out()).isEqualTo("3\n");
    }

    @Test
    void loadReplacesOrMerges() throws Exception {
        Path file = Files.writeString(home.resolve("data.json"), "{\"cfg\":{\"port\":80},\"x\":1}");
        ok("set", "old", "1");
        ok("load", file.toString());
        assertThat(ok("dump").out()).isEqualTo("{\"cfg\":{\"port\":80},\"x\":1}\n");
        ShellHarness.Result merged = shell.runWithInput("{\"cfg\":{\"host\":\"h\"}}", false, "load", "-", "--merge");
        assertThat(merged.exit()).isZero();
        assertThat(ok("get", "cfg").out()).isEqualTo("{\"host\":\"h\",\"port\":80}\n");
        Path bad = Files.writeString(home.resolve("bad.json"), "{\"cfg\":");
        ShellHarness.Result result = shell.run("load", bad.toString());
        assertThat(result.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).startsWith("syncdict: " + bad + " is not valid JSON");
    }

    @Test
    void eachStatementReadsItsOwnInput() throws Exception {
        Path first = Files.writeString(home.resolve("first.json"), "{\"from\":\"first\"}");
        Path second = Files.writeString(home.resolve("second.json"), "{\"from\":\"second\"}");
        Path txOne = Files.writeString(home.resolve("one.tx"), "set t 1\n");
        Path txTwo = Files.writeString(home.resolve("two.tx"), "set t 2\nload " + second + " --at inner\n");
        ShellHarness.Result result = shell.run("-c", "load " + first + "; get from; load " + second + "; get from; "
                + "tx " + txOne + "; get t; tx " + txTwo + "; get t; get inner.from");
        assertThat(result.err()).isEmpty();
        // A tx shows each result as its command alone would: set and load print nothing.
        assertThat(result.out()).isEqualTo("\"first\"\n\"second\"\n1\n2\n\"second\"\n");
    }

    @Test
    void onATerminalInfoIsInHumanUnitsLoopsAreStampedAndColorsCanBeTurnedOff() {
        ShellHarness.Result info = shell.runWithInput("", true, "--no-color", "info");
        assertThat(info.out()).containsPattern("\"uptime\": \"\\d+(ms|s)").containsPattern("\"heap_used\": \"[0-9.]+ [KMG]iB\"");
        assertThat(ok("info").out()).contains("\"uptime_ms\":");
        ShellHarness.Result loop = shell.runWithInput("", true, "--no-color", "incr", "n", "times", "2");
        assertThat(loop.out()).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d rev 1\n1\n\\d\\d:\\d\\d:\\d\\d\\.\\d rev 2\n2\n");
        assertThat(ok("incr", "n", "times", "2").out()).isEqualTo("3\n4\n");
        assertThat(shell.runWithInput("", true, "get", "n").out()).isEqualTo("\u001b[36m4\u001b[0m\n");
        assertThat(shell.runWithInput("", true, "--no-color", "get", "n").out()).isEqualTo("4\n");
        shell.env.put("NO_COLOR", "1");
        assertThat(shell.runWithInput("", true, "get", "n").out()).isEqualTo("4\n");
        assertThat(HumanUnits.duration(3_723_000)).isEqualTo("1h 2m");
        assertThat(HumanUnits.duration(61_000)).isEqualTo("1m 1s");
        assertThat(HumanUnits.bytes(512)).isEqualTo("512 B");
        assertThat(HumanUnits.bytes(10_485_760)).isEqualTo("10.0 MiB");
    }

    @Test
    void txAppliesAllOrNothing() {
        ShellHarness.Result result = shell.runWithInput("set a 1\nincr a 2   # comment\nget a\n", false, "tx");
        assertThat(result.exit()).isZero();
        assertThat(result.out()).isEqualTo("3\n3\n");
        ShellHarness.Result failed = shell.runWithInput("set b 1\nset a 0 --if-value 99\n", false, "tx", "-");
        assertThat(failed.exit()).isEqualTo(ExitCode.NOT_FOUND_OR_CONDITION);
        assertThat(failed.err()).isEqualTo("syncdict: op 1: a does not hold the expected value (condition_failed)\n");
        assertThat(shell.run("get", "b").exit()).isEqualTo(1);
        ShellHarness.Result notAllowed = shell.runWithInput("ping\n", false, "tx");
        assertThat(notAllowed.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(notAllowed.err()).contains("tx line 1: ping cannot be part of a tx");
    }

    @Test
    void everyErrorClassHasItsExitCode() {
        ok("set", "s", "text");
        ShellHarness.Result notFound = shell.run("get", "missing");
        assertThat(notFound).isEqualTo(new ShellHarness.Result(1, "", "syncdict: no value at missing (not_found)\n"));
        ShellHarness.Result mismatch = shell.run("incr", "s");
        assertThat(mismatch).isEqualTo(new ShellHarness.Result(4, "", "syncdict: s holds a string, not a number (type_mismatch)\n"));
        ShellHarness.Result badPath = shell.run("get", "a..b");
        assertThat(badPath.exit()).isEqualTo(2);
        assertThat(badPath.err()).contains("not a path, at column 3").contains("see: syncdict get --help");
        assertThat(shell.run("set", "x", "{\"a\":").exit()).isEqualTo(2);
        assertThat(shell.run("incr", "x", "abc").err()).contains("'abc' is not a number");
        assertThat(shell.run("frobnicate").exit()).isEqualTo(2);
        assertThat(shell.run("get").exit()).isEqualTo(2);
        assertThat(shell.run("incr", "x", "every", "soon").err()).contains("'soon' is not a duration");
    }

    /**
     * A port where connecting is refused, held for the test: bound but not listening, so no other
     * process can take it meanwhile (a probed "free" port could be taken before it is used).
     */
    private static java.net.Socket refusingPort() throws java.io.IOException {
        java.net.Socket bound = new java.net.Socket();
        bound.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
        return bound;
    }

    @Test
    void cannotConnectOrWrongTokenIsExitThree() throws Exception {
        java.net.Socket refusing = refusingPort();
        int closedPort = refusing.getLocalPort();
        shell.env.remove(dev.syncdict.protocol.Token.ENV);
        ShellHarness.Result down = shell.run("--no-autostart", "--connect", "127.0.0.1:" + closedPort, "ping");
        assertThat(down.exit()).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(down.err()).isEqualTo("syncdict: cannot connect to syncdictd at 127.0.0.1:" + closedPort
                + ": nothing listens there (start one with: syncdict daemon start)\n");
        shell.env.put(dev.syncdict.protocol.Token.ENV, ShellHarness.TOKEN);
        Path wrong = Files.writeString(home.resolve("wrong-token"), "not-the-token\n");
        ShellHarness.Result refused = shell.run("--token-file", wrong.toString(), "ping");
        assertThat(refused.exit()).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(refused.err()).contains("refused: wrong token (unauthorized)").doesNotContain("not-the-token");
        assertThat(shell.run("--connect", "host:notaport", "ping").exit()).isEqualTo(ExitCode.USAGE);
        refusing.close();
    }

    @Test
    void aPeerThatAcceptsAndSaysNothingTimesOutWithExitThree() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            ShellHarness.Result result = shell.run("--no-autostart", "--timeout", "300ms",
                    "--connect", "127.0.0.1:" + silent.getLocalPort(), "ping");
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(result.exit()).isEqualTo(ExitCode.UNAVAILABLE);
            assertThat(result.err()).isEqualTo("syncdict: syncdictd at 127.0.0.1:" + silent.getLocalPort()
                    + " did not answer within 300 ms (a longer wait: --timeout)\n");
            // Well under the default 10 s: the deadline given is the one applied.
            assertThat(tookMillis).isLessThan(5_000);
        }
    }

    @Test
    void aLineTooLongIsTheDaemonsRefusalNotALostConnection() throws Exception {
        Path huge = home.resolve("huge.json");
        Files.writeString(huge, "\"" + "x".repeat(dev.syncdict.protocol.Limits.REQUEST_LINE_BYTES) + "\"");
        ShellHarness.Result result = shell.run("load", "--at", "k", huge.toString());
        assertThat(result.exit()).as(result.err()).isEqualTo(ExitCode.DAEMON_ERROR);
        assertThat(result.err()).contains("too_large").contains("line longer than the limit of "
                + dev.syncdict.protocol.Limits.REQUEST_LINE_BYTES + " bytes");
        assertThat(ok("ping").out()).isEqualTo("\"pong\"\n");
    }

    @Test
    void aDictionaryLargerThanARequestLineDumpsThroughTheShell() {
        String part = "y".repeat(dev.syncdict.protocol.Limits.REQUEST_LINE_BYTES / 3);
        for (String key : java.util.List.of("a", "b", "c", "d")) {
            ok("set", key, part);
        }
        String dump = ok("dump").out();
        assertThat(dump.length()).isGreaterThan(dev.syncdict.protocol.Limits.REQUEST_LINE_BYTES);
        assertThat(dump).startsWith("{\"a\":\"yyy").endsWith("yyy\"}\n");
    }

    @Test
    void aRunningDaemonWithoutATokenFileSaysWhereTheTokenGoes() {
        shell.env.remove(dev.syncdict.protocol.Token.ENV);
        ShellHarness.Result result = shell.run("ping");
        assertThat(result.exit()).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(result.err()).startsWith("syncdict: no token file " + home.resolve("config/syncdict/token"))
                .contains("--token-file or $SYNCDICT_TOKEN");
    }

    @Test
    void aDaemonThatCannotBeStartedIsExplained() throws Exception {
        java.net.Socket refusing = refusingPort();
        int closedPort = refusing.getLocalPort();
        shell.env.put(DaemonLauncher.DAEMON_ENV, home.resolve("no-such-syncdictd").toString());
        ShellHarness.Result result = shell.run("--connect", "127.0.0.1:" + closedPort, "ping");
        assertThat(result.exit()).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(result.err()).startsWith("syncdict: cannot start a daemon at 127.0.0.1:" + closedPort + ": ");
        refusing.close();
    }

    @Test
    void aScriptTypedAtATerminalWithDashFIsNotAnsweredPerStatement() {
        // Only a script read from a pipe answers every statement (a co-process waits for each line).
        ShellHarness.Result typed = shell.runAtTerminal("set a 1\nget a\n", "--no-color", "-f", "-");
        assertThat(typed.out()).isEqualTo("1\n");
        assertThat(shell.runWithInput("set b 1\nget b\n", false).out()).isEqualTo("\"OK\"\n1\n");
    }

    @Test
    void jsonErrorsForMachines() throws Exception {
        ShellHarness.Result result = shell.run("--json", "get", "missing");
        assertThat(result.err()).isEqualTo("{\"error\":{\"code\":\"not_found\",\"message\":\"no value at missing\"}}\n");
        // The shell's own errors carry codes that say what happened, each beside its exit status.
        assertThat(shell.run("--json", "get", "a..b").err()).startsWith("{\"error\":{\"code\":\"usage\",");
        java.net.Socket refusing = refusingPort();
        ShellHarness.Result down = shell.run("--json", "--no-autostart", "--connect", "127.0.0.1:" + refusing.getLocalPort(), "ping");
        assertThat(down.exit()).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(down.err()).startsWith("{\"error\":{\"code\":\"unavailable\",\"message\":\"cannot connect to syncdictd");
        refusing.close();
    }

    @Test
    void prettyAndColoredOnATerminalUnlessNoColor() {
        ok("set", "o", "{\"k\":[1,\"s\",true],\"e\":{}}");
        ShellHarness.Result colored = shell.runWithInput("", true, "get", "o");
        assertThat(colored.out()).contains("\u001b[34;1m\"k\"\u001b[0m: [").contains("\u001b[32m\"s\"\u001b[0m");
        shell.env.put("NO_COLOR", "1");
        ShellHarness.Result plain = shell.runWithInput("", true, "get", "o");
        // Objects are kept sorted by key, so output is stable whatever order values were written in.
        assertThat(plain.out()).isEqualTo("{\n  \"e\": {},\n  \"k\": [\n    1,\n    \"s\",\n    true\n  ]\n}\n");
        assertThat(shell.runWithInput("", true, "--json", "get", "o").out()).isEqualTo("{\"e\":{},\"k\":[1,\"s\",true]}\n");
    }

    @Test
    void everyTimesPrintsEachResult() {
        ShellHarness.Result result = shell.run("incr", "c", "0.5", "every", "10ms", "times", "3");
        assertThat(result.exit()).isZero();
        assertThat(result.out()).isEqualTo("0.5\n1.0\n1.5\n");
        assertThat(ok("incr", "d", "times", "2").out()).isEqualTo("1\n2\n");
    }

    @Test
    void aScriptStopsAtItsFirstErrorUnlessToldToKeepGoing() throws Exception {
        String script = "set a 1\n# a comment\nget missing\nset b 2\n";
        ShellHarness.Result stopped = shell.runWithInput(script, false);
        assertThat(stopped.exit()).isEqualTo(1);
        assertThat(stopped.err()).isEqualTo("syncdict: line 3: no value at missing (not_found)\n");
        assertThat(shell.run("get", "b").exit()).isEqualTo(1);

        Path file = Files.writeString(home.resolve("script.sd"), script);
        ShellHarness.Result kept = shell.run("--keep-going", "-f", file.toString());
        assertThat(kept.exit()).isEqualTo(1);
        assertThat(ok("get", "b").out()).isEqualTo("2\n");

        ShellHarness.Result inline = shell.run("-c", "set x {\"k\": [1, 2]}; get x.k[1]; get nope; get x");
        assertThat(inline.out()).isEqualTo("2\n");
        assertThat(inline.exit()).isEqualTo(1);
    }

    @Test
    void scriptsReadMultiLineJsonAndQuotedWords() {
        ShellHarness.Result result = shell.runWithInput(
                "set cfg {\n  \"port\": 80,\n  \"tags\": [\"a b\"]\n}\nset \"odd.key\" 'two words'\nget cfg.tags[0]\nget \"odd.key\"\n", false);
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).isEqualTo("\"OK\"\n\"OK\"\n\"a b\"\n\"two words\"\n");
        ShellHarness.Result unterminated = shell.runWithInput("set x {\"a\": 1\n", false);
        assertThat(unterminated.exit()).isEqualTo(2);
        assertThat(unterminated.err()).contains("unterminated { bracket starting on line 1");
        // Lines are the script's: the statements before ran, the open bracket names the line it opens on.
        ShellHarness.Result late = shell.runWithInput("set y 1\nincr y\n\nset z {\"a\": 1\nget y\n", false);
        assertThat(late.exit()).isEqualTo(2);
        assertThat(late.out()).isEqualTo("\"OK\"\n2\n");
        assertThat(late.err()).isEqualTo("syncdict: line 4: unterminated { bracket starting on line 4\n");
    }

    /** The same script from a file: the same lines named, the same statements run. */
    @Test
    void aFileScriptNamesTheLinesAStdinScriptNames(@TempDir Path dir) throws Exception {
        Path late = Files.writeString(dir.resolve("late.sd"), "set y 1\nincr y\n\nset z {\"a\": 1\nget y\n");
        ShellHarness.Result result = shell.run("-f", late.toString());
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.out()).isEqualTo("2\n");
        assertThat(result.err()).isEqualTo("syncdict: line 4: unterminated { bracket starting on line 4\n");
        Path quote = Files.writeString(dir.resolve("quote.sd"), "incr y\nset q 'one\ntwo\nget q\n");
        assertThat(shell.run("-f", quote.toString()).err()).isEqualTo("syncdict: line 2: unterminated ' quote on line 2\n");
    }

    /**
     * A value of 100,000 lines, from a file and from standard input: read again from its start at
     * every line, as it was, this took minutes (6 s for 20,000 lines), past the test's timeout.
     */
    @Test
    @Timeout(40)
    void aValueSpanningManyLinesIsReadInOnePass(@TempDir Path dir) throws Exception {
        StringBuilder script = new StringBuilder("incr before\nset big {\n");
        int members = 100_000;
        for (int i = 0; i < members; i++) {
            script.append("  \"k").append(i).append("\": ").append(i).append(",\n");
        }
        script.append("  \"end\": true\n}\nget big.k99999\nkeys big --limit 1\nset open [\n1,\n");
        int openLine = members + 7;
        Path file = Files.writeString(dir.resolve("big.sd"), script);
        List<ShellHarness.Result> runs = List.of(shell.run("-f", file.toString()), shell.runWithInput(script.toString(), false));
        for (int run = 0; run < runs.size(); run++) {
            ShellHarness.Result result = runs.get(run);
            // Read from standard input, set answers too ("OK"): a co-process waits for an answer to each statement.
            assertThat(result.out()).isEqualTo((run + 1) + (run == 1 ? "\n\"OK\"" : "") + "\n99999\n[\"end\"]\n");
            assertThat(result.err()).isEqualTo("syncdict: line " + openLine + ": unterminated [ bracket starting on line " + openLine + "\n");
            assertThat(result.exit()).isEqualTo(ExitCode.USAGE);
        }
    }

    @Test
    void helpAndVersion() {
        ShellHarness.Result help = ok("--help");
        assertThat(help.out()).contains("Usage: syncdict").contains("incr").contains("Exit status:");
        assertThat(ok("help", "incr").out()).contains("Usage: syncdict incr").contains("every").contains("times");
        assertThat(ok("--version").out()).startsWith("syncdict 0.1.0\nJava " + System.getProperty("java.runtime.version"));
    }

    @Test
    void shutdownStopsTheDaemon() throws Exception {
        ok("shutdown");
        shell.daemon.awaitClosed();
        assertThat(shell.run("--no-autostart", "ping").exit()).isEqualTo(ExitCode.UNAVAILABLE);
    }
}
