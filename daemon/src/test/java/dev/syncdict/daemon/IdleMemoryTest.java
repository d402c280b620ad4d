package dev.syncdict.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncdict.protocol.Token;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real sockets: once its requests are answered, an idle connection keeps none of them. Each large
 * request refused here stores nothing, so whatever of it the heap still holds afterwards is held
 * by the daemon's reused lists (a review found each connection kept its last batch so).
 */
class IdleMemoryTest {

    private static final Token TOKEN = Token.of("idle");
    private static final int CONNECTIONS = 10;
    private static final int VALUE_BYTES = 4 << 20;

    @Test
    void idleConnectionsKeepNoneOfTheRequestsTheySent() throws Exception {
        List<RawConnection> connections = new ArrayList<>();
        try (Daemon daemon = Daemon.start(DaemonConfig.defaults(TOKEN).withPort(0))) {
            RawConnection first = RawConnection.authenticated(daemon.port(), TOKEN);
            connections.add(first);
            first.send("{\"id\":1,\"op\":\"set\",\"path\":\"k\",\"value\":1}");
            first.readLine();
            long before = heapAfterCollection();
            String big = "x".repeat(VALUE_BYTES);
            for (int i = 0; i < CONNECTIONS; i++) {
                RawConnection connection = RawConnection.authenticated(daemon.port(), TOKEN);
                connections.add(connection);
                // Refused: k exists, so nothing is stored; only the request was read.
                connection.send("{\"id\":2,\"op\":\"set\",\"path\":\"k\",\"if_absent\":true,\"value\":\"" + big + "\"}");
                assertThat(connection.readLine()).contains("\"code\":\"condition_failed\"");
            }
            big = null;
            // The daemon lets go of a batch once its replies are written, which may be just after the
            // client read them: wait for that, not for a time. Kept, they would be 80 MiB here.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(heapAfterCollection() - before).as("heap kept by idle connections, bytes")
                            .isLessThan(VALUE_BYTES / 2));
        } finally {
            for (RawConnection connection : connections) {
                connection.close();
            }
        }
    }

    private static long heapAfterCollection() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
