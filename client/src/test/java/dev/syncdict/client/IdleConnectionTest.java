package dev.syncdict.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.syncdict.daemon.ConnectionLimits;
import dev.syncdict.protocol.ErrorCode;
import dev.syncdict.protocol.Op;
import dev.syncdict.protocol.Path;
import dev.syncdict.protocol.Request;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A daemon that ends idle connections: the client notices before it sends, and never mistakes the goodbye for a reply. */
class IdleConnectionTest {

    @RegisterExtension
    final InProcessDaemon daemon = new InProcessDaemon("idle-connection-test", config -> config
            .withConnections(ConnectionLimits.DEFAULTS.withIdleTimeout(Duration.ofMillis(300))));

    @Test
    void anIdleConnectionReadsAsClosedSoTheCallerReconnects() throws Exception {
        try (SyncdictClient client = daemon.connect();
                SyncdictClient watcher = daemon.connect()) {
            assertThat(client.isOpen()).isTrue();
            watcher.watch(Path.parse("k"), null, false);
            await().atMost(Duration.ofSeconds(20)).until(() -> !client.isOpen());
            assertThat(watcher.isOpen()).isTrue();
        }
    }

    @Test
    void aCallAfterTheGoodbyeIsARefusalNotAReply() throws Exception {
        try (SyncdictClient client = daemon.connect()) {
            await().atMost(Duration.ofSeconds(20)).until(() -> !client.isOpen());
            assertThatThrownBy(() -> client.call(Request.of(Op.PING)))
                    .isInstanceOfSatisfying(DaemonRefusedException.class, e -> assertThat(e.error().code()).isEqualTo(ErrorCode.IDLE_TIMEOUT));
        }
    }
}
