package dev.syncdict.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.syncdict.daemon.ConnectionLimits;
import dev.syncdict.daemon.Daemon;
import dev.syncdict.daemon.DaemonConfig;
import dev.syncdict.protocol.ErrorCode;
import dev.syncdict.protocol.Op;
import dev.syncdict.protocol.Path;
import dev.syncdict.protocol.Request;
import dev.syncdict.protocol.Token;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A daemon that ends idle connections: the client notices before it sends, and never mistakes the goodbye for a reply. */
class IdleConnectionTest {

    private static final Token TOKEN = Token.of("idle-connection-test");
    private Daemon daemon;

    @BeforeEach
    void start() throws Exception {
        daemon = Daemon.start(DaemonConfig.defaults(TOKEN).withPort(0)
                .withConnections(ConnectionLimits.DEFAULTS.withIdleTimeout(Duration.ofMillis(300))));
    }

    @AfterEach
    void stop() {
        daemon.close();
    }

    @Test
    void anIdleConnectionReadsAsClosedSoTheCallerReconnects() throws Exception {
        try (SyncdictClient client = SyncdictClient.connect("127.0.0.1", daemon.port(), TOKEN);
                SyncdictClient watcher = SyncdictClient.connect("127.0.0.1", daemon.port(), TOKEN)) {
            assertThat(client.isOpen()).isTrue();
            watcher.watch(Path.parse("k"), null, false);
            await().atMost(Duration.ofSeconds(20)).until(() -> !client.isOpen());
            assertThat(watcher.isOpen()).isTrue();
        }
    }

    @Test
    void aCallAfterTheGoodbyeIsARefusalNotAReply() throws Exception {
        try (SyncdictClient client = SyncdictClient.connect("127.0.0.1", daemon.port(), TOKEN)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> !client.isOpen());
            assertThatThrownBy(() -> client.call(Request.of(Op.PING)))
                    .isInstanceOfSatisfying(DaemonRefusedException.class, e -> assertThat(e.error().code()).isEqualTo(ErrorCode.IDLE_TIMEOUT));
        }
    }
}
