package dev.syncdict.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncdict.daemon.store.Dictionary;
import dev.syncdict.daemon.store.TreeStore;
import dev.syncdict.daemon.wal.FsyncPolicy;
import dev.syncdict.daemon.wal.LogOptions;
import dev.syncdict.protocol.Codec;
import dev.syncdict.protocol.Json;
import dev.syncdict.protocol.Reply;
import dev.syncdict.protocol.Token;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: random sequences of set, del, incr, load and tx, sent to a daemon that keeps a log and
 * is restarted and compacted in between, get exactly the replies a dictionary that never stopped
 * gives, revisions and mod_revs included.
 */
class RestartModelTest {

    private static final Token TOKEN = Token.of("model");
    private static final List<String> PATHS = List.of("a", "a.x", "a.y.z", "b", "b[0]", "b[-1]", "b[1].k", "c", "\"odd.key\"");
    private static final List<String> VALUES = List.of("1", "2.5", "-7", "\"s\"", "true", "null", "[]", "[1,2]", "[{\"k\":1}]",
            "{}", "{\"x\":1}", "{\"y\":{\"z\":[3]}}", "{\"k\":\"v\",\"x\":{}}");

    @TempDir
    Path dir;

    @Test
    void restartsAndCompactionsChangeNoReply() throws Exception {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        TreeStore model = new TreeStore(new Dictionary());
        LogOptions log = LogOptions.of(dir.resolve("data"), FsyncPolicy.NO).withCompactBytes(4096);
        DaemonConfig config = DaemonConfig.defaults(TOKEN).withPort(0).withLog(log);
        for (int round = 0; round < 8; round++) {
            try (Daemon daemon = Daemon.start(config);
                    RawConnection connection = RawConnection.authenticated(daemon.port(), TOKEN)) {
                for (String path : PATHS) {
                    expectSame(connection, model, "{\"op\":\"get\",\"path\":" + Json.quote(path) + "}", seed);
                }
                for (int i = 0; i < 200; i++) {
                    expectSame(connection, model, randomWrite(random), seed);
                }
                if (round % 2 == 1) {
                    connection.send("{\"op\":\"compact\"}");
                    assertThat(Codec.decodeReply(connection.readLine()).isError()).isFalse();
                    await().atMost(Duration.ofSeconds(30)).until(() -> !compacting(connection));
                }
            }
        }
    }

    private static boolean compacting(RawConnection connection) throws IOException {
        connection.send("{\"op\":\"info\"}");
        Map<?, ?> info = (Map<?, ?>) Codec.decodeReply(connection.readLine()).value();
        return (Boolean) ((Map<?, ?>) info.get("persistence")).get("compacting");
    }

    private static void expectSame(RawConnection connection, TreeStore model, String request, long seed) throws IOException {
        connection.send(request);
        Reply actual = Codec.decodeReply(connection.readLine());
        Reply expected = model.apply(Codec.decodeRequest(request)).reply();
        model.settle();
        assertThat(Codec.encode(actual)).as("%s (seed %d)", request, seed).isEqualTo(Codec.encode(expected));
    }

    private static String randomWrite(Random random) {
        int kind = random.nextInt(10);
        if (kind == 9) {
            List<String> ops = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                ops.add(randomOp(random));
            }
            return "{\"op\":\"tx\",\"ops\":[" + String.join(",", ops) + "]}";
        }
        return randomOp(random);
    }

    private static String randomOp(Random random) {
        String path = Json.quote(PATHS.get(random.nextInt(PATHS.size())));
        String value = VALUES.get(random.nextInt(VALUES.size()));
        switch (random.nextInt(6)) {
            case 0:
            case 1:
                return "{\"op\":\"set\",\"path\":" + path + ",\"value\":" + value + "}";
            case 2:
                return "{\"op\":\"del\",\"path\":" + path + "}";
            case 3:
                return "{\"op\":\"incr\",\"path\":" + path + ",\"by\":" + (random.nextInt(5) - 2) + "}";
            case 4:
                return "{\"op\":\"load\",\"path\":" + path + ",\"merge\":" + random.nextBoolean() + ",\"value\":" + value + "}";
            default:
                return "{\"op\":\"get\",\"path\":" + path + "}";
        }
    }
}
