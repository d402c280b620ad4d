package dev.syncdict.shell.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncdict.client.SyncdictClient;
import dev.syncdict.daemon.Daemon;
import dev.syncdict.daemon.DaemonConfig;
import dev.syncdict.protocol.Field;
import dev.syncdict.protocol.Op;
import dev.syncdict.protocol.Path;
import dev.syncdict.protocol.Request;
import dev.syncdict.protocol.Token;
import dev.syncdict.shell.ExitCode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code syncdict bench} against a real daemon in this process, on the port it bound. */
class BenchCommandTest {

    private static final String TOKEN = "bench-test-token";

    @TempDir
    java.nio.file.Path home;

    private Daemon daemon;
    private Map<String, String> env;

    @BeforeEach
    void startDaemon() throws Exception {
        daemon = Daemon.start(DaemonConfig.defaults(Token.of(TOKEN)).withPort(0));
        env = Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", home.resolve("config").toString(),
                "XDG_STATE_HOME", home.resolve("state").toString(), "XDG_RUNTIME_DIR", home.resolve("run").toString(),
                "SYNCDICT_ADDR", "127.0.0.1:" + daemon.port(), "SYNCDICT_TOKEN", TOKEN);
    }

    @AfterEach
    void stopDaemon() {
        daemon.close();
    }

    private BenchRun bench(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--no-autostart";
        all[1] = "bench";
        System.arraycopy(args, 0, all, 2, args.length);
        return BenchRun.of(env, all);
    }

    private Object valueAt(String key) throws IOException {
        try (SyncdictClient client = SyncdictClient.connect("127.0.0.1", daemon.port(), Token.of(TOKEN))) {
            return client.call(Request.of(Op.GET).with(Field.PATH, Path.key(key))).value();
        }
    }

    @Test
    void everyRequestReachesTheDaemonAndIsCountedTimedAndCosted() throws Exception {
        BenchRun run = bench("-c", "4", "-P", "3", "-n", "2000", "--keys", "1", "-t", "set,get,incr", "--json");

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
        for (String test : new String[] {"set", "get", "incr"}) {
            assertThat(run.number(test, "requests")).isEqualTo(2000);
            assertThat(run.number(test, "errors")).isZero();
            @SuppressWarnings("unchecked")
            Map<String, Number> latency = (Map<String, Number>) run.test(test).get("latency_us");
            assertThat(latency.get("p50").doubleValue()).isPositive().isLessThanOrEqualTo(latency.get("p99").doubleValue());
            assertThat(latency.get("p99_9").doubleValue()).isLessThanOrEqualTo(latency.get("max").doubleValue());
            assertThat(run.test(test).get("server_cpu_us_per_op")).isInstanceOf(Number.class);
            assertThat(run.test(test).get("server_rss_bytes")).isInstanceOf(Number.class);
        }
        // With one key, every incr added 1 to the same counter, and every set wrote the same value.
        assertThat(valueAt("counter:0")).isEqualTo(new BigDecimal(2000));
        assertThat(valueAt("key:0")).isEqualTo("xxx");
        // The daemon runs in this process: info's pid is ours.
        assertThat(((Number) run.report().get("server_pid")).longValue()).isEqualTo(ProcessHandle.current().pid());
    }

    @Test
    void aFractionalAmountAndLongValuesGoThroughAsTheyAre() throws Exception {
        BenchRun run = bench("-c", "2", "-n", "10", "--keys", "1", "--by", "0.5", "--value-size", "100000", "-t", "set,incr", "--json");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(valueAt("counter:0")).isEqualTo(new BigDecimal("5.0"));
        assertThat((String) valueAt("key:0")).hasSize(100_000);
    }

    @Test
    void readsOfKeysThatDoNotExistAreCountedAsErrorsAndTheExitSaysSo() {
        BenchRun run = bench("-c", "2", "-n", "300", "--no-preload", "-t", "get", "--json");

        assertThat(run.exit()).isEqualTo(ExitCode.DAEMON_ERROR);
        assertThat(run.number("get", "errors")).isEqualTo(300);
        assertThat(run.err()).contains("syncdict answered 300 requests with an error");
    }

    @Test
    void theKeysAReadingTestUsesAreSetFirst() throws Exception {
        BenchRun run = bench("-c", "3", "-n", "500", "--keys", "40", "-t", "mixed", "--json");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.number("mixed", "errors")).isZero();
        assertThat(valueAt("key:39")).isEqualTo("xxx");
    }

    @Test
    void watchersReceiveTheWritesAsEvents() {
        BenchRun run = bench("-c", "2", "-n", "400", "--watchers", "2", "-t", "set", "--json");

        assertThat(run.exit()).as(run.err()).isZero();
        // Each set is a commit, an event for each watcher; the last may still be on their way when the test ends.
        assertThat(run.number("set", "watch_events")).isPositive().isLessThanOrEqualTo(800);
    }

    @Test
    void aDurationRunsUntilItHasPassedOnSeveralThreads() {
        BenchRun run = bench("-c", "4", "--threads", "2", "--duration", "300ms", "--warmup", "100ms", "-t", "incr", "--json");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.number("incr", "requests")).isPositive();
        assertThat(((Number) run.test("incr").get("seconds")).doubleValue()).isGreaterThanOrEqualTo(0.3);
        assertThat(((Number) run.report().get("threads")).intValue()).isEqualTo(2);
    }

    @Test
    void theTableNamesTheServerTheShapeAndEachTestWithItsHistogram() {
        BenchRun run = bench("-c", "2", "-P", "4", "-n", "200", "-t", "incr,get");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("syncdict at 127.0.0.1:" + daemon.port() + " (pid " + ProcessHandle.current().pid()
                + "): 2 clients, pipeline 4, 1 thread, 100,000 keys, values of 3 bytes\n");
        assertThat(run.out()).containsPattern("\nincr +200 +\\d+ ").containsPattern("\nget +200 +\\d+ ")
                .contains("\nincr latency\n").contains("\nget latency\n").containsPattern("<= +[0-9.]+ ms \\|#+ *\\| +[0-9.]+%");
        // No progress line when the output is not a terminal.
        assertThat(run.err()).isEmpty();
    }

    @Test
    void onATerminalProgressShowsOnStandardErrorAndIsClearedBeforeTheReport() {
        BenchRun run = BenchRun.of(env, true, "--no-autostart", "bench", "-c", "2", "--duration", "1500ms", "-t", "incr");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).containsPattern("\rincr: [0-9,]+ requests in [0-9.]+ s, [0-9,]+ ops/s now").endsWith("\r");
        assertThat(run.out()).startsWith("syncdict at ");
    }

    /** 0s is --warmup's default, so it can be given; an interval or a length of run of 0 means nothing and is refused. */
    @Test
    void aWarmupOfZeroIsNoneAndEveryBadDurationNamesItsOption() {
        BenchRun none = bench("-c", "1", "-n", "20", "--warmup", "0s", "-t", "incr", "--json");
        assertThat(none.exit()).as(none.err()).isZero();
        assertThat(none.number("incr", "requests")).isEqualTo(20);
        assertThat(bench("--warmup", "0.0001s").err()).isEqualTo(
                "syncdict: bench: --warmup: a duration must be 0 or at least 1ms (see: syncdict bench --help)\n");
        assertThat(bench("--duration", "0s").err()).isEqualTo(
                "syncdict: bench: --duration: a duration must be at least 1ms (see: syncdict bench --help)\n");
        assertThat(bench("--warmup", "soon").err()).startsWith("syncdict: bench: --warmup: 'soon' is not a duration");
    }

    @Test
    void helpDescribesEveryOption() {
        BenchRun run = bench("--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("-c=CLIENTS", "-n=REQUESTS", "--duration=DURATION", "-P=PIPELINE", "-t=TESTS", "--keys=N",
                "--value-size=BYTES", "--watchers=N", "--redis=HOST:PORT", "--server-pid=PID", "--json", "Exit status:");
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(bench("-n", "10", "--duration", "1s")).satisfies(run -> {
            assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
            assertThat(run.err()).contains("give -n or --duration, not both");
        });
        assertThat(bench("-t", "get,del").err()).contains("unknown test 'del': use get, set, incr or mixed");
        assertThat(bench("-c", "2", "--threads", "3").err()).contains("--threads (3) cannot be more than the clients (-c 2)");
        assertThat(bench("-c", "0")).satisfies(run -> {
            assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
            assertThat(run.err()).isEqualTo("syncdict: bench: -c: must be 1 or more, not 0 (see: syncdict bench --help)\n");
        });
        assertThat(bench("--value-size", "-1").err()).contains("bench: --value-size: must be 0 or more, not -1 (see: syncdict bench --help)");
        assertThat(bench("--redis", "127.0.0.1:6379", "--watchers", "1").err()).contains("cannot be used with --redis");
    }

    @Test
    void aServerThatIsNotThereIsExitThree() {
        BenchRun redis = bench("--redis", "127.0.0.1:1", "-n", "10");
        assertThat(redis.exit()).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(redis.err()).contains("cannot reach redis at 127.0.0.1:1");

        BenchRun syncdict = BenchRun.of(env, "--no-autostart", "--connect", "127.0.0.1:1", "bench", "-n", "10");
        assertThat(syncdict.exit()).isEqualTo(ExitCode.UNAVAILABLE);
    }
}
