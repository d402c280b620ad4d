package dev.syncdict.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncdict.protocol.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The shell and daemon as real processes: auto-start, Ctrl+C, and the workflow the old recipe served. */
@Timeout(120)
class RealProcessTest {

    /**
     * A bash script that keeps one syncdict as a co-process over a pipe pair: it sends a statement and
     * reads its answer before sending the next; read -t fails the script if an answer does not come.
     */
    private static final String COPROCESS_SCRIPT = String.join("\n",
            "set -u",
            "coproc SD { exec \"$@\"; }",
            "for i in $(seq 1000); do",
            "  echo 'incr n' >&\"${SD[1]}\"",
            "  read -r -t 30 answer <&\"${SD[0]}\" || { echo \"no answer to statement $i\" >&2; exit 1; }",
            "  [ \"$answer\" = \"$i\" ] || { echo \"statement $i was answered $answer\" >&2; exit 1; }",
            "done",
            "echo 'get n' >&\"${SD[1]}\"",
            "read -r -t 30 last <&\"${SD[0]}\"",
            "exec {SD[1]}>&-",
            "wait \"$SD_PID\"",
            "echo \"$last\"",
            "");

    /**
     * A co-process that sends each kind of statement and reads one answer to each: the script ends
     * if one does not come. It prints the answers, then the shell's exit status.
     */
    private static final String EVERY_STATEMENT_ANSWERS = String.join("\n",
            "set -u",
            "coproc SD { exec \"$@\"; }",
            "ask() {",
            "  echo \"$1\" >&\"${SD[1]}\"",
            "  read -r -t 30 answer <&\"${SD[0]}\" || { echo \"no answer to: $1\" >&2; exit 1; }",
            "  echo \"$answer\"",
            "}",
            "ask 'set cfg {\"port\": 80}'",
            "ask 'get cfg.port'",
            "ask 'del cfg'",
            "ask 'get cfg'",
            "ask \"load $DATA --merge\"",
            "ask 'incr n'",
            "ask \"tx $NO_OPS\"",
            "exec {SD[1]}>&-",
            "wait \"$SD_PID\"",
            "echo \"exit $?\"",
            "");

    @TempDir
    Path home;

    private RealProcesses processes;

    @BeforeEach
    void setUp() throws Exception {
        processes = new RealProcesses(home);
    }

    @AfterEach
    void tearDown() throws Exception {
        processes.run("daemon", "stop");
        processes.close();
    }

    @Test
    void twoShellsStartedTogetherStartOneDaemon() throws Exception {
        Process first = processes.start(false, "ping");
        Process second = processes.start(false, "ping");
        RealProcesses.Finished a = RealProcesses.finish(first);
        RealProcesses.Finished b = RealProcesses.finish(second);
        assertThat(a.exit()).as(a.err()).isZero();
        assertThat(b.exit()).as(b.err()).isZero();
        assertThat(a.out()).isEqualTo("\"pong\"\n");
        assertThat(b.out()).isEqualTo("\"pong\"\n");
        assertThat(List.of(a.err(), b.err())).filteredOn(err -> err.contains("started syncdictd")).hasSize(1);

        long pid = Long.parseLong(Files.readString(processes.pidFile()).strip());
        RealProcesses.Finished again = processes.run("daemon", "start");
        assertThat(again.exit()).isZero();
        assertThat(again.out()).isEqualTo("syncdictd is already running at " + processes.address + "\n");
        RealProcesses.Finished status = processes.run("daemon", "status");
        assertThat(status.exit()).isZero();
        Map<?, ?> info = (Map<?, ?>) Json.parse(status.out());
        assertThat(((BigDecimal) info.get("pid")).longValue()).isEqualTo(pid);
        assertThat(Files.readString(home.resolve("config/syncdict/token")).strip()).hasSize(64);
        assertThat(Files.getPosixFilePermissions(home.resolve("config/syncdict/token")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

        RealProcesses.Finished stop = processes.run("daemon", "stop");
        assertThat(stop.out()).isEqualTo("stopped syncdictd at " + processes.address + " (pid " + pid + ")\n");
        assertThat(exited(pid)).isTrue();
        assertThat(processes.run("daemon", "status").exit()).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(Files.exists(processes.pidFile())).isFalse();
        RealProcesses.Finished stopAgain = processes.run("daemon", "stop");
        assertThat(stopAgain.exit()).isZero();
        assertThat(stopAgain.out()).isEqualTo("syncdictd is not running at " + processes.address + "\n");
    }

    @Test
    void ctrlCEndsAnEveryLoopWithExitZeroAndSparesTheDaemon() throws Exception {
        Process loop = processes.start(true, "incr", "visits", "0.5", "every", "50ms");
        BufferedReader out = RealProcesses.stdout(loop);
        assertThat(out.readLine()).isEqualTo("0.5");
        assertThat(out.readLine()).isEqualTo("1.0");
        // The loop leads its own process group, like a terminal's foreground job: Ctrl+C reaches all of it.
        RealProcesses.ctrlC(loop.pid());
        RealProcesses.Finished ended = RealProcesses.finish(loop);
        assertThat(ended.exit()).as(ended.err()).isZero();
        RealProcesses.Finished after = processes.run("--no-autostart", "get", "visits");
        assertThat(after.exit()).as("the auto-started daemon survived the Ctrl+C: %s", after.err()).isZero();
    }

    @Test
    void watchIntoAPipeIsOneJsonLinePerChangeAndCtrlCEndsItWithExitZero() throws Exception {
        assertThat(processes.run("set", "cfg", "{\"port\":80}").exit()).isZero();
        Process watch = processes.start(true, "watch", "cfg", "--prev", "--snapshot");
        BufferedReader out = RealProcesses.stdout(watch);
        Map<?, ?> snapshot = (Map<?, ?>) Json.parse(out.readLine());
        assertThat(snapshot.get("kind")).isEqualTo("snapshot");
        assertThat(Json.write(snapshot.get("value"))).isEqualTo("{\"port\":80}");
        assertThat(processes.run("set", "cfg.port", "8080").exit()).isZero();
        assertThat(processes.run("set", "elsewhere", "1").exit()).isZero();
        assertThat(processes.run("del", "cfg.port").exit()).isZero();
        long rev = ((BigDecimal) snapshot.get("rev")).longValue();
        assertThat(out.readLine()).isEqualTo("{\"rev\":" + (rev + 1) + ",\"kind\":\"set\",\"path\":\"cfg.port\",\"value\":8080,\"prev\":80}");
        assertThat(out.readLine()).isEqualTo("{\"rev\":" + (rev + 3) + ",\"kind\":\"del\",\"path\":\"cfg.port\",\"prev\":8080}");
        RealProcesses.ctrlC(watch.pid());
        RealProcesses.Finished ended = RealProcesses.finish(watch);
        assertThat(ended.exit()).as(ended.err()).isZero();
    }

    @Test
    void watchEveryMergesAPathsChangesIntoOneLinePerInterval() throws Exception {
        Process watch = processes.start(true, "watch", "n", "--snapshot", "--every", "2s");
        BufferedReader out = RealProcesses.stdout(watch);
        assertThat(out.readLine()).contains("\"kind\":\"snapshot\"");
        assertThat(processes.run("-c", "incr n; incr n; incr n; incr n; incr n").exit()).isZero();
        // Five writes within an interval or two: at most two merged lines, the last holding the sum.
        List<String> lines = new java.util.ArrayList<>();
        for (String line = out.readLine(); ; line = out.readLine()) {
            lines.add(line);
            if (line.contains("\"value\":5")) {
                break;
            }
        }
        assertThat(lines).hasSizeLessThanOrEqualTo(2).allMatch(line -> line.contains("\"path\":\"n\""));
        RealProcesses.ctrlC(watch.pid());
        assertThat(RealProcesses.finish(watch).exit()).isZero();
    }

    @Test
    void loopsAndWatchesEndWhenTheReaderOfTheirOutputHasGone() throws Exception {
        Process loop = processes.start(false, "incr", "n", "1", "every", "50ms");
        assertThat(RealProcesses.stdout(loop).readLine()).isEqualTo("1");
        loop.getInputStream().close();
        assertThat(loop.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as("`incr every | head -1` ends").isTrue();
        assertThat(loop.exitValue()).isZero();

        Process watch = processes.start(false, "watch", "--snapshot");
        assertThat(RealProcesses.stdout(watch).readLine()).contains("\"kind\":\"snapshot\"");
        watch.getInputStream().close();
        assertThat(processes.run("set", "x", "1").exit()).isZero();
        assertThat(watch.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as("`watch | head -1` ends").isTrue();
        assertThat(watch.exitValue()).isZero();
    }

    @Test
    void aWatchFollowsTheDaemonThroughARestart() throws Exception {
        assertThat(processes.run("set", "y", "0").exit()).isZero();
        Process watch = processes.start(true, "watch", "y", "--snapshot");
        BufferedReader out = RealProcesses.stdout(watch);
        BufferedReader err = new BufferedReader(new java.io.InputStreamReader(watch.getErrorStream(), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(out.readLine()).contains("\"kind\":\"snapshot\"");
        assertThat(processes.run("set", "y", "1").exit()).isZero();
        assertThat(out.readLine()).contains("\"value\":1");
        assertThat(processes.run("daemon", "stop").exit()).isZero();
        assertThat(err.readLine()).isEqualTo("syncdict: lost the daemon at " + processes.address + "; reconnecting");
        assertThat(processes.run("daemon", "start").exit()).isZero();
        String line = err.readLine();
        for (; !line.startsWith("syncdict: watching again"); line = err.readLine()) {
            assertThat(line).as("only notes about the restart").startsWith("syncdict: ");
        }
        // Revision 2 was the last change shown: the watch resumes right after it, whatever the daemon's revision now.
        assertThat(line).isEqualTo("syncdict: watching again after revision 2");
        assertThat(processes.run("set", "y", "2").exit()).isZero();
        assertThat(out.readLine()).contains("\"path\":\"y\",\"value\":2");
        RealProcesses.ctrlC(watch.pid());
        assertThat(RealProcesses.finish(watch).exit()).isZero();
    }

    /**
     * A watch that has shown nothing yet resumes where it began, not "from now": a change made
     * while it reconnects is shown (replayed from the daemon's history) instead of skipped, as it
     * was when the change came before the watch's next attempt (every 500 ms).
     */
    @Test
    void aWatchThatHasShownNothingYetShowsAChangeMadeWhileItReconnects() throws Exception {
        assertThat(processes.run("set", "y", "0").exit()).isZero();
        Process watch = processes.start(true, "watch", "x");
        BufferedReader out = RealProcesses.stdout(watch);
        BufferedReader err = new BufferedReader(new java.io.InputStreamReader(watch.getErrorStream(), java.nio.charset.StandardCharsets.UTF_8));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> processes.run("--json", "info").out().contains("\"watches\":1"));
        assertThat(processes.run("daemon", "stop").exit()).isZero();
        assertThat(err.readLine()).isEqualTo("syncdict: lost the daemon at " + processes.address + "; reconnecting");
        assertThat(processes.run("daemon", "start").exit()).isZero();
        assertThat(processes.run("set", "x", "5").exit()).isZero();
        assertThat(out.readLine()).contains("\"path\":\"x\",\"value\":5");
        RealProcesses.ctrlC(watch.pid());
        assertThat(RealProcesses.finish(watch).exit()).isZero();
    }

    @Test
    void afterATokenRotationTheShellConnectsWithTheNewToken() throws Exception {
        assertThat(processes.run("set", "x", "1").exit()).isZero();
        Path tokenFile = home.resolve("config/syncdict/token");
        String before = Files.readString(tokenFile);
        RealProcesses.Finished rotated = processes.run("daemon", "rotate-token", "--grace", "100ms");
        assertThat(rotated.exit()).as(rotated.err()).isZero();
        assertThat(Files.readString(tokenFile)).isNotEqualTo(before);
        assertThat(processes.run("--no-autostart", "get", "x").out()).isEqualTo("1\n");
        // No grace at all: the old token's connections end at once (the default grace is 10 s), and a
        // watch on one picks up the new token as it reconnects.
        Process watch = processes.start(true, "watch", "x", "--snapshot");
        BufferedReader out = RealProcesses.stdout(watch);
        BufferedReader err = new BufferedReader(new java.io.InputStreamReader(watch.getErrorStream(), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(out.readLine()).contains("\"kind\":\"snapshot\"");
        String second = Files.readString(tokenFile);
        RealProcesses.Finished atOnce = processes.run("daemon", "rotate-token", "--grace", "0s");
        assertThat(atOnce.exit()).as(atOnce.err()).isZero();
        assertThat(Files.readString(tokenFile)).isNotEqualTo(second);
        assertThat(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return err.readLine();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(5, java.util.concurrent.TimeUnit.SECONDS)).startsWith("syncdict: ");
        assertThat(processes.run("set", "x", "2").exit()).isZero();
        assertThat(out.readLine()).contains("\"value\":2");
        RealProcesses.ctrlC(watch.pid());
        assertThat(RealProcesses.finish(watch).exit()).isZero();
    }

    @Test
    void aOneShotCommandLoadsNoTerminalNettyOrDatabindAndOnlyItsOwnCommand() throws Exception {
        assertThat(processes.run("set", "x", "1").exit()).isZero();
        RealProcesses.Finished get = RealProcesses.finish(processes.start(false, List.of("-verbose:class"), "get", "x"));
        assertThat(get.exit()).isZero();
        assertThat(get.out()).contains("dev.syncdict.client.SyncdictClient").contains("\n1\n");
        assertThat(get.out()).doesNotContain("org.jline").doesNotContain("io.netty").doesNotContain("tools.jackson.databind");
        // Nor the JDK's security providers, whose set-up cost 14 ms of CPU: the handshake needs none.
        assertThat(get.out()).doesNotContain("java.security.Security ").doesNotContain("sun.security.provider.Sun ");
        // bench's registration names its command class; nothing of its machinery loads.
        assertThat(get.out()).doesNotContainPattern("dev\\.syncdict\\.shell\\.bench\\.(?!BenchCommand )").doesNotContain("org.HdrHistogram");
        RealProcesses.Finished script = RealProcesses.finish(processes.start(false, List.of("-verbose:class"), "-c", "get x"));
        RealProcesses.Finished repeated = RealProcesses.finish(processes.start(false, List.of("-verbose:class"), "get", "x", "times", "1"));
        ClassCounts oneShot = ClassCounts.of(get.out());
        System.out.println("classes loaded by a one-shot get: " + oneShot + "; by the same get as a script: "
                + ClassCounts.of(script.out()) + "; by get x times 1, which picocli reads: " + ClassCounts.of(repeated.out()));
        // The quick parser reads get x, as a command or a script's statement: no picocli model is built,
        // not even get's. picocli builds the model of the one command it reads (not set's and del's conditions).
        assertThat(oneShot.picocli()).isLessThan(20);
        // Nor Jackson's factory, parser or generator: the client reads and writes its lines itself
        // (the two exception classes its catch clauses name are all that load).
        assertThat(oneShot.jackson()).isLessThan(5);
        assertThat(get.out()).doesNotContain("tools.jackson.core.json.JsonFactory ").doesNotContain("tools.jackson.core.JsonParser ");
        assertThat(get.out()).doesNotContain("picocli.CommandLine$Model$CommandReflection ").doesNotContain("dev.syncdict.shell.commands.Conditions");
        assertThat(script.out()).doesNotContain("picocli.CommandLine$Model$CommandReflection ");
        assertThat(repeated.out()).contains("picocli.CommandLine$Model$CommandReflection ").doesNotContain("dev.syncdict.shell.commands.Conditions");
        assertThat(repeated.out()).contains("\n1\n");
    }

    /** How many classes a run loaded: in all, picocli's and Jackson's, from -verbose:class output. */
    private record ClassCounts(long total, long picocli, long jackson) {
        static ClassCounts of(String verbose) {
            List<String> loaded = verbose.lines().filter(line -> line.startsWith("[class,load]")
                    || line.contains("[class,load] ")).toList();
            return new ClassCounts(loaded.size(),
                    loaded.stream().filter(line -> line.contains(" picocli.")).count(),
                    loaded.stream().filter(line -> line.contains(" tools.jackson.")).count());
        }
    }

    @Test
    void daemonStopReturnsOnlyOnceTheDaemonHasExitedAndTheLogNamesStartAndStop() throws Exception {
        RealProcesses.Finished start = processes.run("daemon", "start");
        assertThat(start.exit()).as(start.err()).isZero();
        long pid = Long.parseLong(Files.readString(processes.pidFile()).strip());
        assertThat(exited(pid)).isFalse();

        RealProcesses.Finished stop = processes.run("daemon", "stop");
        assertThat(stop.exit()).as(stop.err()).isZero();
        assertThat(exited(pid)).as("the daemon's process has exited when stop returns").isTrue();
        String log = Files.readString(home.resolve("state/syncdict/syncdictd.log"));
        assertThat(log).containsPattern("INFO started syncdictd \\S+ \\(pid " + pid + ", Java .*\\) listening on "
                + java.util.regex.Pattern.quote(processes.address) + "; persistence: ");
        assertThat(log).containsPattern("INFO stopping: shutdown requested by /127\\.[0-9.]+:\\d+");
        assertThat(log).containsPattern("INFO stopped after \\d+\\.\\d s");
    }

    @Test
    void theLogNamesARefusedHandshakeButNeverTheTokenTried() throws Exception {
        assertThat(processes.run("ping").exit()).isZero();
        Path wrong = Files.writeString(home.resolve("wrong-token"), "not-the-token-4f1c\n");
        RealProcesses.Finished refused = processes.run("--token-file", wrong.toString(), "ping");
        assertThat(refused.exit()).isEqualTo(ExitCode.UNAVAILABLE);
        String log = Files.readString(home.resolve("state/syncdict/syncdictd.log"));
        assertThat(log).containsPattern("WARNING refused /127\\.[0-9.]+:\\d+: wrong token").doesNotContain("not-the-token-4f1c");
    }

    /** Exited: no such process, or a zombie that only waits for its parent to collect it. */
    private static boolean exited(long pid) throws Exception {
        Path status = Path.of("/proc/" + pid + "/status");
        return !Files.exists(status) || Files.readAllLines(status).stream().anyMatch(line -> line.matches("State:\\s+Z.*"));
    }

    @Test
    void completionForBashLoadsNoTerminalOrNetty() throws Exception {
        assertThat(processes.run("set", "xyz", "1").exit()).isZero();
        RealProcesses.Finished tab = RealProcesses.finish(processes.start(false, List.of("-verbose:class"), "__complete", "get", "xy"));
        assertThat(tab.exit()).isZero();
        assertThat(tab.out()).contains("\nxyz \t").doesNotContain("org.jline").doesNotContain("io.netty");
    }

    @Test
    void twoWritersAndAWatcherLoseNoUpdate() throws Exception {
        assertThat(processes.run("set", "inventory", "{}").exit()).isZero();
        Process halves = processes.start(false, "incr", "counter", "0.5", "every", "20ms", "times", "25");
        Process ones = processes.start(false, "incr", "counter", "1", "every", "30ms", "times", "25");
        Process watcher = processes.start(false, "dump", "every", "100ms", "times", "5");
        assertThat(processes.run("set", "inventory.apples", "3").exit()).isZero();
        assertThat(processes.run("get", "inventory.apples").out()).isEqualTo("3\n");

        assertThat(RealProcesses.finish(halves).exit()).isZero();
        assertThat(RealProcesses.finish(ones).exit()).isZero();
        RealProcesses.Finished watched = RealProcesses.finish(watcher);
        assertThat(watched.exit()).isZero();
        String[] dumps = watched.out().split("\n");
        assertThat(dumps).hasSize(5);
        BigDecimal previous = BigDecimal.ZERO;
        for (String dump : dumps) {
            Object counter = ((Map<?, ?>) Json.parse(dump)).get("counter");
            BigDecimal now = counter == null ? BigDecimal.ZERO : (BigDecimal) counter;
            assertThat(now).isGreaterThanOrEqualTo(previous);
            previous = now;
        }
        assertThat(processes.run("get", "counter").out()).isEqualTo("37.5\n");
    }

    @Test
    void aBashCoprocessGetsEachAnswerBeforeSendingTheNextStatement() throws Exception {
        assertThat(processes.run("set", "n", "0").exit()).isZero();
        List<String> command = new ArrayList<>(List.of("bash", "-c", COPROCESS_SCRIPT, "coprocess"));
        command.addAll(RealProcesses.shellCommand());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(processes.env);
        RealProcesses.Finished run = RealProcesses.finish(builder.start());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("1000\n");
    }

    /** set, del and load answer "OK" to a co-process; under --keep-going a failure answers with its error, and the script goes on. */
    @Test
    void aBashCoprocessGetsAnAnswerToEveryStatement() throws Exception {
        Path data = java.nio.file.Files.writeString(home.resolve("data.json"), "{\"n\": 41}");
        List<String> command = new ArrayList<>(List.of("bash", "-c", EVERY_STATEMENT_ANSWERS, "coprocess"));
        command.addAll(RealProcesses.shellCommand());
        command.add("--keep-going");
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(processes.env);
        builder.environment().put("DATA", data.toString());
        builder.environment().put("NO_OPS", java.nio.file.Files.writeString(home.resolve("no-ops"), "# nothing yet\n").toString());
        RealProcesses.Finished run = RealProcesses.finish(builder.start());
        assertThat(run.err()).doesNotContain("no answer to");
        assertThat(run.out().lines()).containsExactly("\"OK\"", "80", "\"OK\"",
                "{\"error\":{\"code\":\"not_found\",\"message\":\"line 4: no value at cfg\"}}", "\"OK\"", "42", "\"OK\"",
                "exit " + ExitCode.NOT_FOUND_OR_CONDITION);
        assertThat(run.err()).contains("syncdict: line 4: no value at cfg (not_found)");
    }
}
