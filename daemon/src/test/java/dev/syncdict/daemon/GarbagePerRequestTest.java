package dev.syncdict.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncdict.daemon.store.Commit;
import dev.syncdict.protocol.Codec;
import dev.syncdict.protocol.Token;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pins the garbage a request on an existing key leaves on the daemon's event loop, the one thread
 * that reads, applies and answers it: the JVM counts each thread's allocated bytes exactly, so
 * unlike a time this can be asserted. The bounds are 210 to 420 bytes above what this daemon
 * allocated when they were set, run alone (one key: incr 1,487, set 1,527, get 790 bytes; 4,096
 * keys, past the 256 recent paths: 1,382, 1,459 and 853) and below what main allocated before
 * issue 11's garbage pass (one key: 2,159, 2,146 and 1,273): docs/BENCHMARKS.md, "Issue 11:
 * garbage per request". Tighter bounds failed in the whole suite, where the same requests
 * allocated up to 130 bytes more (the JIT compiles them among other tests' shapes), so this pins
 * the pass as a whole, not each of its steps.
 */
class GarbagePerRequestTest {

    private static final Token TOKEN = Token.of("garbage");
    private static final int REQUESTS = 10_000;

    /** Learns which thread owns the store: commit listeners run on it. */
    private static final class Owner implements CommitListener {
        volatile Thread thread;

        @Override
        public void accept(List<Commit> group) {
            thread = Thread.currentThread();
        }
    }

    private final Owner owner = new Owner();
    private Daemon daemon;

    @BeforeEach
    void start() throws Exception {
        daemon = Daemon.start(DaemonConfig.defaults(TOKEN).withPort(0), List.of(owner));
    }

    @AfterEach
    void stop() {
        daemon.close();
    }

    @ParameterizedTest(name = "{0} over {1} keys")
    @CsvSource(delimiter = '|', value = {
        "{\"op\":\"incr\",\"path\":\"counter:%d\",\"by\":1}       | 1    | 1800",
        "{\"op\":\"set\",\"path\":\"key:%d\",\"value\":\"xxx\"}  | 1    | 1800",
        "{\"op\":\"get\",\"path\":\"key:%d\"}                    | 1    | 1000",
        "{\"op\":\"incr\",\"path\":\"counter:%d\",\"by\":1}       | 4096 | 1800",
        "{\"op\":\"set\",\"path\":\"key:%d\",\"value\":\"xxx\"}  | 4096 | 1800",
        "{\"op\":\"get\",\"path\":\"key:%d\"}                    | 4096 | 1000"})
    void aRequestOnAnExistingKeyLeavesLittleGarbageOnTheEventLoop(String request, int keys, long maxBytesPerRequest) throws IOException {
        try (RawConnection connection = RawConnection.authenticated(daemon.port(), TOKEN)) {
            // Every key exists before anything is counted; the warm-up lets the JIT compile the path.
            for (int key = 0; key < keys; key++) {
                roundTrip(connection, "{\"op\":\"set\",\"path\":\"key:" + key + "\",\"value\":\"abc\"}");
                roundTrip(connection, "{\"op\":\"set\",\"path\":\"counter:" + key + "\",\"value\":0}");
            }
            for (int i = 0; i < REQUESTS; i++) {
                roundTrip(connection, String.format(request, i % keys));
            }
            assertThat(owner.thread.getName()).as("the thread that applied the requests").startsWith("syncdictd-loop");
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = threads.getThreadAllocatedBytes(owner.thread.getId());
            assertThat(before).as("the event loop's allocated bytes (-1 where the JVM does not count them)").isPositive();
            // The requests' text is made before counting starts: the test's own strings are not the daemon's.
            String[] requests = new String[REQUESTS];
            for (int i = 0; i < REQUESTS; i++) {
                requests[i] = String.format(request, i % keys);
            }
            for (String line : requests) {
                roundTrip(connection, line);
            }
            long perRequest = (threads.getThreadAllocatedBytes(owner.thread.getId()) - before) / REQUESTS;
            assertThat(perRequest).as("bytes the event loop allocated per request").isLessThan(maxBytesPerRequest);
        }
    }

    /** One request and its reply, unpipelined: every request is a read, a batch and a group of its own. */
    private static void roundTrip(RawConnection connection, String request) throws IOException {
        connection.send(request);
        assertThat(Codec.decodeReply(connection.readLine()).isError()).as(request).isFalse();
    }
}
