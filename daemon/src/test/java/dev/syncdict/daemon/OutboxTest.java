package dev.syncdict.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncdict.protocol.Token;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that asks for much more than it reads costs the daemon a bounded amount of memory and
 * never makes another client wait; one that reads nothing at all is disconnected.
 */
class OutboxTest {

    private static final Token TOKEN = Token.of("outbox");

    @TempDir
    Path dir;

    /** Sets a value of this many bytes, then sends {@code dumps} dump requests in one write without reading. */
    private static RawConnection flood(int port, int valueBytes, int dumps) throws IOException {
        RawConnection attacker = RawConnection.authenticated(port, TOKEN);
        attacker.send("{\"id\":0,\"op\":\"set\",\"path\":\"big\",\"value\":\"" + "x".repeat(valueBytes) + "\"}");
        assertThat(attacker.readLine()).isEqualTo("{\"id\":0,\"rev\":1}");
        StringBuilder requests = new StringBuilder();
        for (int i = 1; i <= dumps; i++) {
            requests.append("{\"id\":").append(i).append(",\"op\":\"dump\"}\n");
        }
        attacker.write(requests.toString());
        return attacker;
    }

    /** Reads replies as raw bytes, checks each is a whole dump reply with the next id, and counts them. */
    private static int readDumpReplies(InputStream in, int expected, Runnable eachReply) throws IOException {
        InputStream bytes = new BufferedInputStream(in, 1 << 16);
        for (int id = 1; id <= expected; id++) {
            byte[] start = ("{\"id\":" + id + ",\"rev\":1,\"value\":{\"big\":\"").getBytes(StandardCharsets.UTF_8);
            for (byte b : start) {
                assertThat(bytes.read()).as("reply %d", id).isEqualTo(b & 0xff);
            }
            int b = bytes.read();
            while (b != '\n' && b >= 0) {
                b = bytes.read();
            }
            assertThat(b).as("reply %d ends with a newline", id).isEqualTo('\n');
            eachReply.run();
        }
        return expected;
    }

    @Test
    void aFloodOfDumpsWaitsForItsReaderWhileOthersAreServed() throws Exception {
        DaemonConfig config = DaemonConfig.defaults(TOKEN).withPort(0).withOutbox(64 * 1024, Duration.ofSeconds(30));
        try (Daemon daemon = Daemon.start(config);
                RawConnection attacker = flood(daemon.port(), 100_000, 300);
                RawConnection other = RawConnection.authenticated(daemon.port(), TOKEN)) {
            for (int i = 0; i < 20; i++) {
                other.send("{\"id\":" + i + ",\"op\":\"get\",\"path\":\"big\"}");
                assertThat(other.readLine()).startsWith("{\"id\":" + i + ",\"rev\":1,\"value\":\"xxx");
            }
            assertThat(readDumpReplies(attacker.socket.getInputStream(), 300, () -> { })).isEqualTo(300);
        }
    }

    @Test
    void manyFloodsTogetherStayWithinTheBudgetAndEachIsAnsweredInFull() throws Exception {
        int attackers = 8;
        int dumps = 100;
        int valueBytes = 100_000;
        long budget = 256 * 1024;
        DaemonConfig config = DaemonConfig.defaults(TOKEN).withPort(0).withOutboxTotal(budget);
        // Each connection alone may hold 1 MiB; together they may pass the budget only by what each
        // may always hold, plus the one reply that took it past its share.
        long bound = budget + attackers * (OutboxBudget.FAIR_SHARE + valueBytes + 100);
        try (Daemon daemon = Daemon.start(config)) {
            List<RawConnection> floods = new java.util.ArrayList<>();
            floods.add(flood(daemon.port(), valueBytes, dumps));
            StringBuilder requests = new StringBuilder();
            for (int i = 1; i <= dumps; i++) {
                requests.append("{\"id\":").append(i).append(",\"op\":\"dump\"}\n");
            }
            for (int i = 1; i < attackers; i++) {
                RawConnection attacker = RawConnection.authenticated(daemon.port(), TOKEN);
                attacker.write(requests.toString());
                floods.add(attacker);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> daemon.repliesWaiting() >= budget);
            try (RawConnection other = RawConnection.authenticated(daemon.port(), TOKEN)) {
                other.send("{\"id\":1,\"op\":\"get\",\"path\":\"big\"}");
                assertThat(other.readLine()).startsWith("{\"id\":1,\"rev\":");
            }
            AtomicLong peak = new AtomicLong(daemon.repliesWaiting());
            for (RawConnection attacker : floods) {
                readDumpReplies(attacker.socket.getInputStream(), dumps, () -> peak.accumulateAndGet(daemon.repliesWaiting(), Math::max));
                attacker.close();
            }
            assertThat(peak.get()).as("replies waiting, all connections").isLessThanOrEqualTo(bound);
        }
    }

    @Test
    void aClientThatReadsNothingIsDisconnectedAndTheLogSaysWhy() throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override public void publish(LogRecord record) { warnings.add(record.getMessage()); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        Logger outboxLog = Logger.getLogger(Outbox.class.getName());
        outboxLog.addHandler(capture);
        DaemonConfig config = DaemonConfig.defaults(TOKEN).withPort(0).withOutbox(64 * 1024, Duration.ofMillis(500));
        try (Daemon daemon = Daemon.start(config);
                RawConnection attacker = flood(daemon.port(), 100_000, 300)) {
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    warnings.stream().anyMatch(message -> message.contains("read none of its replies for 500 ms")));
            try (RawConnection other = RawConnection.authenticated(daemon.port(), TOKEN)) {
                other.send("{\"id\":1,\"op\":\"ping\"}");
                assertThat(other.readLine()).contains("pong");
            }
        } finally {
            outboxLog.removeHandler(capture);
        }
    }

    /**
     * The attack a review measured: 1,500 dumps of a 1 MB value in one 21 KB write took the old
     * daemon from about 100 MB to 3.4 GB resident. Here 1,000 of them, within the in-flight limit,
     * so that every dump is answered and the outbox alone bounds the memory: a real daemon with a
     * 256 MiB heap (the old one runs out of it) stays within its baseline plus 256 MiB and answers
     * another client throughout.
     */
    @Test
    void theDumpAttackStaysWithinItsMemoryBound() throws Exception {
        try (DaemonProcess daemon = DaemonProcess.start(dir, "outbox", List.of("-Xmx256m"))) {
            long baseline = daemon.residentBytes();
            AtomicLong peak = new AtomicLong(baseline);
            try (RawConnection attacker = flood(daemon.port, 1_000_000, ConnectionLimits.DEFAULT_IN_FLIGHT);
                    RawConnection other = RawConnection.authenticated(daemon.port, TOKEN)) {
                for (int i = 0; i < 10; i++) {
                    other.send("{\"id\":" + i + ",\"op\":\"ping\"}");
                    assertThat(other.readLine()).contains("pong");
                    peak.accumulateAndGet(daemon.residentBytes(), Math::max);
                }
                int[] replies = {0};
                readDumpReplies(attacker.socket.getInputStream(), ConnectionLimits.DEFAULT_IN_FLIGHT, () -> {
                    if (++replies[0] % 50 == 0) {
                        try {
                            peak.accumulateAndGet(daemon.residentBytes(), Math::max);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                });
            }
            assertThat(peak.get() - baseline).as("resident growth in bytes (baseline %d)", baseline)
                    .isLessThan(256L * 1024 * 1024);
        }
    }
}
