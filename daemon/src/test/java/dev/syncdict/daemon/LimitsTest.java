package dev.syncdict.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncdict.daemon.store.TreeStore;
import dev.syncdict.protocol.Codec;
import dev.syncdict.protocol.Reply;
import dev.syncdict.protocol.Token;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real sockets: misbehaving clients get errors and lose their connection; everyone else goes on. */
class LimitsTest {

    private static final Token TOKEN = Token.of("limits");
    private Daemon daemon;

    @BeforeEach
    void start() throws Exception {
        daemon = Daemon.start(DaemonConfig.defaults(TOKEN).withPort(0).withMaxLineBytes(64 * 1024)
                .withConnections(ConnectionLimits.DEFAULTS.withTotal(4).withHandshakeTimeout(Duration.ofMillis(300))));
    }

    @AfterEach
    void stop() {
        daemon.close();
    }

    @Test
    void wrongTokenIsUnauthorizedAndClosed() throws Exception {
        try (RawConnection connection = new RawConnection(daemon.port())) {
            Reply reply = connection.authenticate(Token.of("guess"));
            assertThat(reply.error().code().wireName()).isEqualTo("unauthorized");
            assertThat(reply.error().message()).isEqualTo("wrong token");
            assertThat(connection.readLine()).isNull();
        }
    }

    @Test
    void eachWrongTokenFromAnAddressIsAnsweredLater() throws Exception {
        long[] tookMillis = new long[4];
        for (int i = 0; i < tookMillis.length; i++) {
            try (RawConnection guess = new RawConnection(daemon.port())) {
                long start = System.nanoTime();
                assertThat(guess.authenticate(Token.of("guess-" + i)).error().message()).isEqualTo("wrong token");
                tookMillis[i] = (System.nanoTime() - start) / 1_000_000;
            }
        }
        // 100, 200, 400, 800 ms: a lower bound, which a busy machine can only lengthen.
        assertThat(tookMillis[3]).isGreaterThanOrEqualTo(FailedHandshakes.FIRST_DELAY.toMillis() * 8);
        RawConnection.authenticated(daemon.port(), TOKEN).close();
    }

    @Test
    void nothingIsServedBeforeTheHandshake() throws Exception {
        try (RawConnection connection = new RawConnection(daemon.port())) {
            connection.send("{\"id\":1,\"op\":\"set\",\"path\":\"x\",\"value\":1}");
            connection.send("{\"id\":2,\"op\":\"get\",\"path\":\"x\"}");
            Reply reply = Codec.decodeReply(connection.readLine());
            assertThat(reply.id()).isEqualTo(java.math.BigDecimal.ONE);
            assertThat(reply.error().code().wireName()).isEqualTo("unauthorized");
            assertThat(connection.readLine()).isNull();
        }
        try (RawConnection other = RawConnection.authenticated(daemon.port(), TOKEN)) {
            other.send("{\"id\":1,\"op\":\"get\",\"path\":\"x\"}");
            assertThat(other.readLine()).contains("not_found");
        }
    }

    @Test
    void aSilentConnectionIsClosedAfterTheHandshakeTimeout() throws Exception {
        try (RawConnection connection = new RawConnection(daemon.port())) {
            assertThat(connection.readLine()).contains("\"unauthorized\"").contains("no handshake within");
            assertThat(connection.readLine()).isNull();
        }
    }

    @Test
    void connectionsPastTheLimitAreTurnedAway() throws Exception {
        RawConnection[] open = new RawConnection[4];
        for (int i = 0; i < open.length; i++) {
            open[i] = RawConnection.authenticated(daemon.port(), TOKEN);
        }
        try (java.net.Socket extra = new java.net.Socket("127.0.0.1", daemon.port())) {
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(extra.getInputStream()));
            assertThat(in.readLine()).contains("\"too_many_connections\"");
            // Whatever a refused connection sends while it lingers is ignored, the handshake included.
            extra.getOutputStream().write("{\"id\":1,\"op\":\"auth\",\"nonce\":\"n\",\"proof\":\"p\"}\n".getBytes());
            assertThat(in.readLine()).isNull();
        }
        open[0].send("{\"id\":1,\"op\":\"ping\"}");
        assertThat(open[0].readLine()).contains("pong");
        for (RawConnection connection : open) {
            connection.close();
        }
    }

    @Test
    void abusiveClientsDoNotDisturbOthers() throws Exception {
        try (RawConnection good = RawConnection.authenticated(daemon.port(), TOKEN)) {
            good.send("{\"id\":1,\"op\":\"set\",\"path\":\"k\",\"value\":1}");
            assertThat(good.readLine()).isEqualTo("{\"id\":1,\"rev\":1}");

            try (RawConnection huge = RawConnection.authenticated(daemon.port(), TOKEN)) {
                huge.write("{\"id\":1,\"op\":\"set\",\"path\":\"k\",\"value\":\"" + "x".repeat(200 * 1024) + "\"}\n");
                assertThat(huge.readLine()).contains("\"too_large\"");
                assertThat(huge.readLine()).isNull();
            } catch (java.net.SocketException resetWhileWriting) {
                // The daemon may close before the whole line is written: also a refusal.
            }
            try (RawConnection garbage = RawConnection.authenticated(daemon.port(), TOKEN)) {
                garbage.write("\u0000\u0001{{{]]\n");
                assertThat(garbage.readLine()).contains("\"bad_request\"");
            }
            try (RawConnection halfway = RawConnection.authenticated(daemon.port(), TOKEN)) {
                halfway.write("{\"id\":1,\"op\":\"set\",\"path\":\"k\",\"val");
            }

            good.send("{\"id\":2,\"op\":\"get\",\"path\":\"k\"}");
            assertThat(good.readLine()).isEqualTo("{\"id\":2,\"rev\":1,\"value\":1,\"mod_rev\":1}");
        }
    }

    @Test
    void keysListsAThousandByDefaultAndSaysMoreFollow() throws Exception {
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < TreeStore.DEFAULT_KEYS_LIMIT + 1; i++) {
            many.append(i == 0 ? "" : ",").append("\"k").append(String.format("%05d", i)).append("\":").append(i);
        }
        many.append('}');
        try (RawConnection connection = RawConnection.authenticated(daemon.port(), TOKEN)) {
            connection.send("{\"id\":1,\"op\":\"load\",\"value\":" + many + "}");
            assertThat(connection.readLine()).isEqualTo("{\"id\":1,\"rev\":1}");
            connection.send("{\"id\":2,\"op\":\"keys\"}");
            Reply page = Codec.decodeReply(connection.readLine());
            assertThat((java.util.List<?>) page.value()).hasSize(TreeStore.DEFAULT_KEYS_LIMIT).first().isEqualTo("k00000");
            assertThat(page.more()).isTrue();
            connection.send("{\"id\":3,\"op\":\"keys\",\"after\":\"k00999\"}");
            assertThat(connection.readLine()).isEqualTo("{\"id\":3,\"rev\":1,\"value\":[\"k01000\"],\"more\":false}");
        }
    }

    @Test
    void shutdownAnswersThenStopsTheDaemon() throws Exception {
        try (RawConnection connection = RawConnection.authenticated(daemon.port(), TOKEN)) {
            connection.send("{\"id\":9,\"op\":\"shutdown\"}");
            assertThat(connection.readLine()).isEqualTo("{\"id\":9,\"rev\":0}");
            assertThat(connection.readLine()).isNull();
        }
        daemon.awaitClosed();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", daemon.port()).close())
                .isInstanceOf(java.net.ConnectException.class);
    }

    /** One loop serves the listener and the connections; stopping it once left a connection open now and then. */
    @Test
    void closingTheDaemonEndsEveryConnection() throws Exception {
        for (int round = 0; round < 10; round++) {
            Daemon other = Daemon.start(DaemonConfig.defaults(TOKEN).withPort(0));
            try (RawConnection waiting = new RawConnection(other.port());
                    RawConnection served = RawConnection.authenticated(other.port(), TOKEN)) {
                served.send("{\"id\":1,\"op\":\"ping\"}");
                assertThat(served.readLine()).contains("pong");
                other.close();
                waiting.socket.setSoTimeout(5_000);
                served.socket.setSoTimeout(5_000);
                assertThat(waiting.readLine()).as("round %d", round).isNull();
                assertThat(served.readLine()).as("round %d", round).isNull();
            }
        }
    }
}
