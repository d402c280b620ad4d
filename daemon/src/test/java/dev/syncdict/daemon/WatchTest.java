package dev.syncdict.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncdict.protocol.Codec;
import dev.syncdict.protocol.ErrorCode;
import dev.syncdict.protocol.Event;
import dev.syncdict.protocol.Json;
import dev.syncdict.protocol.Reply;
import dev.syncdict.protocol.Token;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Watches against a real daemon: ordered, gap-free, resumable, and never slowed by a slow watcher. */
class WatchTest {

    private static final Token TOKEN = Token.of("watch");
    private final List<AutoCloseable> open = new ArrayList<>();
    private Daemon daemon;

    private Daemon start(DaemonConfig config) throws Exception {
        daemon = Daemon.start(config.withPort(0));
        return daemon;
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
        daemon.close();
    }

    private RawConnection connect() throws IOException {
        RawConnection connection = RawConnection.authenticated(daemon.port(), TOKEN);
        open.add(connection);
        return connection;
    }

    /** Opens a watch and returns the revision it starts after. */
    private static long watch(RawConnection connection, String id, String request) throws IOException {
        connection.send("{\"id\":\"" + id + "\",\"op\":\"watch\"" + request + "}");
        Reply reply = Codec.decodeReply(connection.readLine());
        assertThat(reply.isError()).as("watch %s: %s", id, reply).isFalse();
        return reply.rev();
    }

    private static Event event(RawConnection connection) throws IOException {
        return (Event) Codec.decodeMessage(connection.readLine());
    }

    @Test
    void infoReportsTheHeapTheHistoryTakesAndTheSpecNamesEveryField() throws Exception {
        start(DaemonConfig.defaults(TOKEN));
        RawConnection client = connect();
        Map<?, ?> before = info(client);
        client.send("{\"id\":1,\"op\":\"set\",\"path\":\"big\",\"value\":\"" + "x".repeat(200_000) + "\"}");
        assertThat(Codec.decodeReply(client.readLine()).isError()).isFalse();
        assertThat(historyBytes(before)).as("the history's first ring, under 200 KB").isLessThan(200_000);
        assertThat(historyBytes(info(client))).as("the history keeps the commit's 200 KB").isGreaterThan(200_000);

        String infoRow = java.nio.file.Files.readAllLines(java.nio.file.Path.of("../docs/PROTOCOL.md")).stream()
                .filter(line -> line.startsWith("| `info` |")).findFirst().orElseThrow();
        for (Map<?, ?> fields : List.of(before, (Map<?, ?>) before.get("memory"))) {
            for (Object name : fields.keySet()) {
                assertThat(infoRow).as("docs/PROTOCOL.md's info row names %s", name).contains("`" + name + "`");
            }
        }
    }

    private static Map<?, ?> info(RawConnection client) throws IOException {
        client.send("{\"op\":\"info\"}");
        return (Map<?, ?>) Codec.decodeReply(client.readLine()).value();
    }

    private static long historyBytes(Map<?, ?> info) {
        return ((BigDecimal) ((Map<?, ?>) info.get("memory")).get("watch_history_bytes")).longValueExact();
    }

    @Test
    void fiftyWatchersSeeEveryWriteOfEightWritersInOrderWithNoGap() throws Exception {
        start(DaemonConfig.defaults(TOKEN));
        int writers = 8;
        int writes = 10_000;
        List<RawConnection> watchers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            RawConnection watcher = connect();
            // Every fifth watcher watches everything; the others one writer's key each.
            watch(watcher, "w" + i, i % 5 == 0 ? "" : ",\"path\":\"k" + (i % writers) + "\"");
            watchers.add(watcher);
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers + watchers.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    try (RawConnection connection = RawConnection.authenticated(daemon.port(), TOKEN)) {
                        for (int i = 0; i < writes / writers; i += 10) {
                            for (int j = 0; j < 10; j++) {
                                connection.send("{\"op\":\"incr\",\"path\":\"k" + writer + "\"}");
                            }
                            for (int j = 0; j < 10; j++) {
                                assertThat(connection.readLine()).doesNotContain("error");
                            }
                        }
                    }
                    return null;
                }));
            }
            for (int i = 0; i < watchers.size(); i++) {
                RawConnection watcher = watchers.get(i);
                boolean everything = i % 5 == 0;
                String key = "k" + (i % writers);
                done.add(pool.submit(() -> {
                    long last = 0;
                    Map<String, BigDecimal> values = new java.util.HashMap<>();
                    int seen = 0;
                    while (seen < (everything ? writes : writes / writers)) {
                        Event event = event(watcher);
                        assertThat(event.rev()).as("strictly increasing").isGreaterThan(last);
                        if (everything) {
                            assertThat(event.rev()).as("no gap").isEqualTo(last + 1);
                        }
                        last = event.rev();
                        for (Event.Change change : event.changes()) {
                            assertThat(change.kind()).isEqualTo("incr");
                            String path = change.path().toString();
                            assertThat(everything || path.equals(key)).as("only %s", key).isTrue();
                            BigDecimal next = values.getOrDefault(path, BigDecimal.ZERO).add(BigDecimal.ONE);
                            assertThat(Json.equal(change.value(), next)).as("value of %s at %d", path, event.rev()).isTrue();
                            values.put(path, next);
                            seen++;
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWatcherResumesFromItsLastRevisionWithExactlyWhatItMissed() throws Exception {
        start(DaemonConfig.defaults(TOKEN));
        RawConnection writer = connect();
        long last;
        try (RawConnection watcher = RawConnection.authenticated(daemon.port(), TOKEN)) {
            watch(watcher, "w", ",\"path\":\"n\"");
            writer.send("{\"op\":\"incr\",\"path\":\"n\"}");
            writer.readLine();
            last = event(watcher).rev();
        }
        for (int i = 0; i < 100; i++) {
            writer.send("{\"op\":\"incr\",\"path\":\"n\"}");
            writer.send("{\"op\":\"set\",\"path\":\"other\",\"value\":" + i + "}");
            writer.readLine();
            writer.readLine();
        }
        RawConnection resumed = connect();
        watch(resumed, "again", ",\"path\":\"n\",\"from\":" + last);
        for (int i = 2; i <= 101; i++) {
            Event event = event(resumed);
            assertThat(event.watch()).isEqualTo("again");
            assertThat(event.changes()).singleElement().satisfies(change -> assertThat(Json.write(change.value())).isEqualTo(String.valueOf(2 + (event.rev() - last - 1) / 2)));
        }
        resumed.send("{\"id\":1,\"op\":\"ping\"}");
        assertThat(resumed.readLine()).as("exactly the 100 events, then the ping's reply").contains("pong");
    }

    @Test
    void aWatcherThatNeverReadsLosesItsWatchWhileWritersAndOthersGoOn() throws Exception {
        // Watchers may fall 1 MiB behind (4 x 256 KiB); the events add up to 30 MB, more than any socket buffers hold.
        start(DaemonConfig.defaults(TOKEN).withOutbox(256 * 1024, Duration.ofSeconds(60)));
        RawConnection slow = connect();
        RawConnection steady = connect();
        watch(slow, "slow", "");
        watch(steady, "steady", "");
        RawConnection writer = connect();
        String value = "\"" + "v".repeat(10_000) + "\"";
        int writes = 3_000;
        // The steady watcher reads each event before the next write: it is never behind, whatever
        // the machine's load, while the slow one falls 30 MB behind.
        for (int i = 1; i <= writes; i++) {
            writer.send("{\"op\":\"set\",\"path\":\"k\",\"value\":" + value + "}");
            assertThat(writer.readLine()).doesNotContain("error");
            Event event = event(steady);
            assertThat(event.isError()).isFalse();
            assertThat(event.rev()).isEqualTo(i);
        }
        long delivered = 0;
        for (Event event = event(slow); ; event = event(slow)) {
            if (event.isError()) {
                assertThat(event.error().code()).isEqualTo(ErrorCode.TOO_SLOW);
                assertThat(event.rev()).as("the revision to resume from is the last delivered").isEqualTo(delivered);
                assertThat(event.error().message()).contains("watch again from revision " + delivered);
                break;
            }
            assertThat(event.rev()).isEqualTo(delivered + 1);
            delivered = event.rev();
        }
        assertThat(delivered).isLessThan(writes);
        slow.send("{\"id\":1,\"op\":\"info\"}");
        assertThat(slow.readLine()).contains("\"watches\":1");
    }

    @Test
    void unwatchAndDisconnectEndWatchesWithoutALeak() throws Exception {
        start(DaemonConfig.defaults(TOKEN));
        RawConnection watcher = connect();
        // Before any watch is open on the connection: not_found too (it was an internal error).
        watcher.send("{\"id\":0,\"op\":\"unwatch\",\"watch\":\"a\"}");
        assertThat(watcher.readLine()).isEqualTo("{\"id\":0,\"rev\":0,\"error\":{\"code\":\"not_found\",\"message\":"
                + "\"no watch \\\"a\\\" is open on this connection\"}}");
        watch(watcher, "a", ",\"path\":\"x\"");
        watch(watcher, "b", ",\"path\":\"x\"");
        watcher.send("{\"id\":\"a\",\"op\":\"watch\"}");
        assertThat(watcher.readLine()).contains("\"code\":\"bad_request\"").contains("already open");
        watcher.send("{\"id\":1,\"op\":\"unwatch\",\"watch\":\"a\"}");
        assertThat(watcher.readLine()).isEqualTo("{\"id\":1,\"rev\":0}");
        RawConnection writer = connect();
        writer.send("{\"id\":1,\"op\":\"set\",\"path\":\"x\",\"value\":1}");
        writer.readLine();
        assertThat(event(watcher).watch()).isEqualTo("b");
        watcher.send("{\"id\":2,\"op\":\"unwatch\",\"watch\":\"a\"}");
        assertThat(watcher.readLine()).contains("\"code\":\"not_found\"");
        watcher.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            writer.send("{\"id\":2,\"op\":\"info\"}");
            return writer.readLine().contains("\"watches\":0");
        });
    }

    @Test
    void aWatchResumesAcrossARestartFromTheEndOfTheLog(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        DaemonConfig durable = DaemonConfig.defaults(TOKEN).withLog(dev.syncdict.daemon.wal.LogOptions.of(dir,
                dev.syncdict.daemon.wal.FsyncPolicy.ALWAYS));
        try (Daemon first = Daemon.start(durable.withPort(0));
                RawConnection writer = RawConnection.authenticated(first.port(), TOKEN)) {
            for (int i = 1; i <= 10; i++) {
                writer.send("{\"op\":\"set\",\"path\":\"n\",\"value\":" + i + "}");
                writer.readLine();
            }
        }
        start(durable);
        RawConnection resumed = connect();
        // The log keeps no previous values; the replay finds them again.
        watch(resumed, "again", ",\"path\":\"n\",\"from\":6,\"prev\":true");
        for (int rev = 7; rev <= 10; rev++) {
            Event event = event(resumed);
            assertThat(event.rev()).isEqualTo(rev);
            assertThat(Json.write(event.changes().get(0).value())).isEqualTo(String.valueOf(rev));
            assertThat(Json.write(event.changes().get(0).prev())).isEqualTo(String.valueOf(rev - 1));
        }
        resumed.send("{\"id\":1,\"op\":\"ping\"}");
        assertThat(resumed.readLine()).as("exactly the four writes after revision 6").contains("pong");
    }

    @Test
    void aWatchFromTheFutureOrWithoutAnIdIsRefused() throws Exception {
        start(DaemonConfig.defaults(TOKEN));
        RawConnection watcher = connect();
        watcher.send("{\"op\":\"watch\"}");
        assertThat(watcher.readLine()).contains("\"code\":\"bad_request\"").contains("needs an id");
        watcher.send("{\"id\":1,\"op\":\"watch\",\"from\":5}");
        assertThat(watcher.readLine()).contains("\"code\":\"bad_request\"").contains("revision 5 has not happened yet");
    }
}
