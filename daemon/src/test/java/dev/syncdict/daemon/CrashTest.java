package dev.syncdict.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.syncdict.protocol.Codec;
import dev.syncdict.protocol.Reply;
import dev.syncdict.protocol.Token;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real daemons killed with SIGKILL at random moments while clients write as fast as they can
 * under {@code --fsync always}: after each restart every acknowledged write is there, and nothing
 * is there that was never sent.
 */
class CrashTest {

    private static final String TOKEN = "crash";
    private static final int CLIENTS = 8;
    private static final int CRASHES = 4;

    @TempDir
    Path dir;

    /** What one client sent and what it was told, across every crash. */
    private static final class Ledger {
        /** The client's counter: the value last acknowledged and the most increments sent. */
        volatile long acked;
        volatile long sent;
        final Set<String> keysSent = ConcurrentHashMap.newKeySet();
        final Set<String> keysAcked = ConcurrentHashMap.newKeySet();
    }

    private List<String> options() {
        return List.of("--data-dir", dir.resolve("data").toString(), "--fsync", "always");
    }

    @Test
    void everyAcknowledgedWriteSurvivesKillNineAtRandomMoments() throws Exception {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        Ledger[] ledgers = new Ledger[CLIENTS];
        for (int i = 0; i < CLIENTS; i++) {
            ledgers[i] = new Ledger();
        }
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            for (int crash = 0; crash < CRASHES; crash++) {
                DaemonProcess daemon = DaemonProcess.start(dir, TOKEN, List.of(), options());
                check(daemon, ledgers, "after crash " + crash + " (seed " + seed + ")");
                AtomicLong acks = new AtomicLong();
                List<Future<?>> running = new ArrayList<>();
                for (int i = 0; i < CLIENTS; i++) {
                    int client = i;
                    running.add(clients.submit(() -> write(daemon.port, client, ledgers[client], acks)));
                }
                long killAt = 100 + random.nextInt(1500);
                await().atMost(Duration.ofSeconds(60)).until(() -> acks.get() >= killAt);
                daemon.process.destroyForcibly();
                assertThat(daemon.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
                for (Future<?> client : running) {
                    client.get(30, TimeUnit.SECONDS);
                }
            }
            try (DaemonProcess daemon = DaemonProcess.start(dir, TOKEN, List.of(), options())) {
                check(daemon, ledgers, "after the last crash (seed " + seed + ")");
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /** Writes until the daemon dies: an incr of the client's counter, then a set of a key of its own, and so on. */
    private static Void write(int port, int client, Ledger ledger, AtomicLong acks) {
        try (RawConnection connection = RawConnection.authenticated(port, Token.of(TOKEN))) {
            for (long n = 0;; n++) {
                ledger.sent++;
                connection.send("{\"op\":\"incr\",\"path\":\"counters.c" + client + "\"}");
                Reply counted = Codec.decodeReply(connection.readLine());
                ledger.acked = ((BigDecimal) counted.value()).longValueExact();
                acks.incrementAndGet();
                String key = client + "-" + ledger.keysSent.size();
                ledger.keysSent.add(key);
                connection.send("{\"op\":\"set\",\"path\":\"keys.\\\"" + key + "\\\"\",\"value\":" + n + "}");
                assertThat(Codec.decodeReply(connection.readLine()).isError()).isFalse();
                ledger.keysAcked.add(key);
                acks.incrementAndGet();
            }
        } catch (IOException | NullPointerException died) {
            // The daemon was killed: a reset, or the end of the stream (a null line).
            return null;
        }
    }

    private static void check(DaemonProcess daemon, Ledger[] ledgers, String when) throws IOException {
        try (RawConnection connection = RawConnection.authenticated(daemon.port, Token.of(TOKEN))) {
            connection.send("{\"op\":\"dump\"}");
            Map<?, ?> dump = (Map<?, ?>) Codec.decodeReply(connection.readLine()).value();
            Map<?, ?> counters = dump.containsKey("counters") ? (Map<?, ?>) dump.get("counters") : Map.of();
            Map<?, ?> keys = dump.containsKey("keys") ? (Map<?, ?>) dump.get("keys") : Map.of();
            for (int i = 0; i < ledgers.length; i++) {
                Ledger ledger = ledgers[i];
                long value = counters.containsKey("c" + i) ? ((BigDecimal) counters.get("c" + i)).longValueExact() : 0;
                assertThat(value).as("client %d's counter %s", i, when).isBetween(ledger.acked, ledger.sent);
                // What survived unacknowledged is where the client goes on from.
                ledger.acked = value;
                ledger.sent = value;
                for (String key : ledger.keysAcked) {
                    assertThat(keys.containsKey(key)).as("acknowledged key %s %s", key, when).isTrue();
                }
            }
            for (Object key : keys.keySet()) {
                int client = Integer.parseInt(((String) key).split("-")[0]);
                assertThat(ledgers[client].keysSent.contains((String) key)).as("key %s %s was sent", key, when).isTrue();
                ledgers[client].keysAcked.add((String) key);
            }
        }
    }

    @Test
    void aSecondDaemonOnTheFolderRefusesAndOneStartsAfterTheFirstIsKilled() throws Exception {
        try (DaemonProcess first = DaemonProcess.start(dir, TOKEN, List.of(), options())) {
            Path second = dir.resolve("second");
            java.nio.file.Files.createDirectories(second);
            assertThatThrownBy(() -> DaemonProcess.start(second, TOKEN, List.of(), options()))
                    .hasMessageContaining("is in use by another syncdictd (pid " + first.process.pid() + ")");
            first.process.destroyForcibly();
            assertThat(first.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            try (DaemonProcess third = DaemonProcess.start(second, TOKEN, List.of(), options())) {
                assertThat(third.process.isAlive()).isTrue();
            }
        }
    }
}
