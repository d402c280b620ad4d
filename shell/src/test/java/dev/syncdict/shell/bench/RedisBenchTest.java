package dev.syncdict.shell.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncdict.shell.ExitCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code syncdict bench --redis} against a real redis-server that this test starts. It listens on a
 * Unix socket in the test's own folder and on no TCP port at all (--port 0), so no port can be
 * taken by anyone else between choosing and binding it. .ci/run installs redis-server.
 */
class RedisBenchTest {

    @TempDir
    Path folder;

    private Process redis;
    private Path socket;

    @BeforeEach
    void startRedis() throws IOException {
        socket = folder.resolve("redis.sock");
        redis = new ProcessBuilder("redis-server", "--port", "0", "--unixsocket", socket.toString(), "--save", "",
                "--appendonly", "no", "--dir", folder.toString())
                .redirectErrorStream(true).redirectOutput(folder.resolve("redis.log").toFile()).start();
        await().atMost(Duration.ofSeconds(20)).until(() -> "PONG".equals(cli("PING")));
    }

    @AfterEach
    void stopRedis() throws InterruptedException {
        redis.destroy();
        redis.waitFor(10, TimeUnit.SECONDS);
    }

    /** A redis-cli command over the socket; its output, trimmed (empty while nothing listens). */
    private String cli(String... command) throws IOException, InterruptedException {
        List<String> args = new java.util.ArrayList<>(List.of("redis-cli", "-s", socket.toString()));
        args.addAll(List.of(command));
        Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return process.waitFor() == 0 && Files.exists(socket) ? out : "";
    }

    private BenchRun bench(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "bench";
        all[1] = "--redis";
        all[2] = socket.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return BenchRun.of(Map.of(), all);
    }

    @Test
    void theSameTestsMeasureRedisWithItsOwnProcessCpu() throws Exception {
        BenchRun run = bench("-c", "4", "-P", "8", "-n", "3000", "--keys", "1", "-t", "set,get,incr", "--json");

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(run.report().get("server")).isEqualTo("redis");
        assertThat(((Number) run.report().get("server_pid")).longValue()).isEqualTo(redis.pid());
        for (String test : new String[] {"set", "get", "incr"}) {
            assertThat(run.number(test, "requests")).isEqualTo(3000);
            assertThat(run.number(test, "errors")).isZero();
            assertThat(run.test(test).get("server_cpu_us_per_op")).isInstanceOf(Number.class);
        }
        assertThat(cli("GET", "counter:0")).isEqualTo("3000");
        assertThat(cli("GET", "key:0")).isEqualTo("xxx");
    }

    @Test
    void aFractionalAmountIsIncrByFloatAndAWholeOneIncrBy() throws Exception {
        assertThat(bench("-c", "2", "-n", "10", "--keys", "1", "--by", "0.5", "-t", "incr").exit()).isZero();
        assertThat(cli("GET", "counter:0")).isEqualTo("5");
        assertThat(bench("-c", "2", "-n", "10", "--keys", "1", "--by", "3", "-t", "incr").exit()).isZero();
        assertThat(cli("GET", "counter:0")).isEqualTo("35");
    }

    @Test
    void readsFindThePreloadedKeysAndLongValuesArriveWhole() throws Exception {
        BenchRun run = bench("-c", "3", "-n", "500", "--keys", "30", "--value-size", "200000", "-t", "get", "--json");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(cli("DBSIZE")).isEqualTo("30");
        assertThat(cli("STRLEN", "key:29")).isEqualTo("200000");
    }

    @Test
    void redisErrorsAreCounted() throws Exception {
        cli("SET", "counter:0", "not a number");
        BenchRun run = bench("-c", "2", "-n", "50", "--keys", "1", "-t", "incr", "--json");

        assertThat(run.exit()).isEqualTo(ExitCode.DAEMON_ERROR);
        assertThat(run.number("incr", "errors")).isEqualTo(50);
    }
}
