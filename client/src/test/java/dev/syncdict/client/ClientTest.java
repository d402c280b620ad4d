package dev.syncdict.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncdict.protocol.Codec;
import dev.syncdict.protocol.ErrorCode;
import dev.syncdict.protocol.Field;
import dev.syncdict.protocol.GoldenSamples;
import dev.syncdict.protocol.Json;
import dev.syncdict.protocol.Op;
import dev.syncdict.protocol.Path;
import dev.syncdict.protocol.Reply;
import dev.syncdict.protocol.Request;
import dev.syncdict.protocol.Token;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The client against a real in-process daemon on port 0. */
class ClientTest {

    static final List<String> FILES = GoldenSamples.FILES;

    @RegisterExtension
    final InProcessDaemon daemon = new InProcessDaemon("client-test-token-4f1c");

    @ParameterizedTest
    @FieldSource("FILES")
    void goldenConversationsThroughTheClient(String file) throws Exception {
        List<Request> requests = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (GoldenSamples.Exchange exchange : GoldenSamples.load(file)) {
            try {
                requests.add(Codec.decodeRequest(exchange.request()));
                expected.add(exchange.reply());
            } catch (dev.syncdict.protocol.ProtocolException deliberatelyMalformed) {
                // The client cannot send what it cannot encode; the daemon test covers these lines.
            }
        }
        try (SyncdictClient client = daemon.connect()) {
            List<Reply> replies = client.pipeline(requests);
            for (int i = 0; i < replies.size(); i++) {
                // The client numbers requests itself, so compare everything but the id.
                String want = Codec.encode(Codec.decodeReply(expected.get(i)).withId(null));
                String got = Codec.encode(replies.get(i).withId(null));
                assertThat(Json.equal(Json.parse(got), Json.parse(want))).as("reply to %s: %s", requests.get(i), got).isTrue();
            }
        }
    }

    /**
     * Sends many large requests while replies far larger than the daemon's per-connection bound wait
     * unread: the daemon stops reading whole requests until they are read, so sends that did not
     * read them first would fill the socket buffers and wait for ever.
     */
    @Test
    void largeSendsBehindLargeUnreadRepliesReadThemFirstAndKeepTheirOrder() throws Exception {
        String big = "b".repeat(2 << 20);
        String part = "p".repeat(200 << 10);
        int sets = SyncdictClient.PIPELINE_WINDOW - 8;
        try (SyncdictClient client = daemon.connect()) {
            client.set("big", big);
            for (int i = 0; i < 5; i++) {
                client.send(Request.of(Op.GET).with(Field.PATH, Path.parse("big")));
            }
            for (int i = 0; i < sets; i++) {
                client.send(Request.of(Op.SET).with(Field.PATH, Path.parse("parts.k" + i)).with(Field.VALUE, part));
            }
            assertThat(client.unanswered()).isEqualTo(5 + sets);
            for (int i = 0; i < 5; i++) {
                assertThat(client.next().value()).isEqualTo(big);
            }
            for (int i = 0; i < sets; i++) {
                assertThat(client.next().error()).isNull();
            }
            assertThat(client.unanswered()).isZero();
            assertThat(client.call(Request.of(Op.KEYS).with(Field.PATH, Path.parse("parts"))).value()).asList().hasSize(sets);
        }
    }

    @Test
    void sixteenClientsTimesTenThousandIncrementsLoseNothing() throws Exception {
        int clients = 16;
        int increments = 10_000;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    try (SyncdictClient client = daemon.connect()) {
                        for (int i = 0; i < increments; i++) {
                            client.incr("counter", BigDecimal.ONE);
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
        try (SyncdictClient client = daemon.connect()) {
            assertThat(Json.write(client.get("counter"))).isEqualTo("160000");
            assertThat(client.revision()).isEqualTo(160_000);
        }
    }

    @Test
    void tenIncrementsOfOneTenthAreExactlyOne() throws Exception {
        try (SyncdictClient client = daemon.connect()) {
            for (int i = 0; i < 10; i++) {
                client.incr("f", new BigDecimal("0.1"));
            }
            assertThat(Json.write(client.get("f"))).isEqualTo("1.0");
        }
    }

    @Test
    void convenienceMethodsThrowErrorReplies() throws Exception {
        try (SyncdictClient client = daemon.connect()) {
            client.set("a.b", Json.parse("[1]"));
            assertThat(Json.write(client.get("a"))).isEqualTo("{\"b\":[1]}");
            client.del("a.b");
            assertThatThrownBy(() -> client.get("a.b")).isInstanceOf(ReplyException.class)
                    .satisfies(e -> assertThat(((ReplyException) e).error().code()).isEqualTo(ErrorCode.NOT_FOUND));
        }
    }

    /** Replies are read oldest first: a pipeline or call while sends are unanswered would take their replies for its own. */
    @Test
    void aPipelineWhileSendsAreUnansweredIsRefusedAndSendsNothing() throws Exception {
        try (SyncdictClient client = daemon.connect()) {
            client.send(Request.of(Op.INCR).with(Field.PATH, Path.parse("n")));
            assertThatThrownBy(() -> client.pipeline(List.of(Request.of(Op.INCR).with(Field.PATH, Path.parse("n")))))
                    .isInstanceOf(IllegalStateException.class).hasMessage("the reply of 1 earlier send is still to be read");
            assertThatThrownBy(() -> client.incr("n", BigDecimal.ONE)).isInstanceOf(IllegalStateException.class);
            assertThat(client.unanswered()).isEqualTo(1);
            assertThat(client.next().value()).isEqualTo(BigDecimal.ONE);
            assertThat(client.incr("n", BigDecimal.ONE)).as("neither refused incr was sent").isEqualTo(BigDecimal.valueOf(2));
        }
    }

    /** A caller whose connection broke during a send still gets the replies that send read: those requests ran. */
    @Test
    void repliesReadAheadForASendAreReturnedAfterTheConnectionBroke() throws Exception {
        try (SyncdictClient client = daemon.connect()) {
            String padding = "p".repeat(1000);
            int sent = 0;
            while (client.readAhead() == 0) {
                client.send(Request.of(Op.SET).with(Field.PATH, Path.parse("pad.k" + sent++)).with(Field.VALUE, padding));
            }
            assertThat(sent).as("sends past 64 KiB unanswered read the oldest replies first").isGreaterThan(SyncdictClient.SEND_AHEAD_BYTES / 1100);
            int readAhead = client.readAhead();
            client.close();
            for (int i = 0; i < readAhead; i++) {
                assertThat(client.next().error()).isNull();
            }
            assertThat(client.unanswered()).isEqualTo(sent - readAhead);
            assertThatThrownBy(client::next).isInstanceOf(IOException.class);
        }
    }

    @Test
    void nextWithNothingInFlightIsRefusedAndTheConnectionGoesOn() throws Exception {
        try (SyncdictClient client = daemon.connect()) {
            assertThatThrownBy(client::next).isInstanceOf(IllegalStateException.class).hasMessage("no request is waiting for its reply");
            client.send(Request.of(Op.INCR).with(Field.PATH, Path.parse("n")));
            assertThat(client.next().value()).isEqualTo(BigDecimal.ONE);
            assertThatThrownBy(client::next).isInstanceOf(IllegalStateException.class);
            assertThat(client.unanswered()).isZero();
            assertThat(client.incr("n", BigDecimal.ONE)).isEqualTo(BigDecimal.valueOf(2));
        }
    }

    @Test
    void aWrongTokenIsRefused() {
        assertThatThrownBy(() -> SyncdictClient.connect("127.0.0.1", daemon.port(), Token.of("wrong")))
                .isInstanceOf(DaemonRefusedException.class)
                .satisfies(e -> assertThat(((DaemonRefusedException) e).error().code()).isEqualTo(ErrorCode.UNAUTHORIZED));
    }

    @Test
    void theTokenNeverCrossesTheWire() throws Exception {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (ServerSocket proxy = new ServerSocket(0)) {
            Thread relay = new Thread(() -> relay(proxy, sent, received));
            relay.start();
            try (SyncdictClient client = SyncdictClient.connect("127.0.0.1", proxy.getLocalPort(), daemon.token)) {
                client.set("k", "v");
                assertThat(client.get("k")).isEqualTo("v");
            }
            relay.join(10_000);
        }
        String wire = sent.toString(StandardCharsets.ISO_8859_1) + received.toString(StandardCharsets.ISO_8859_1);
        assertThat(wire).contains("\"op\":\"auth\"").contains("\"op\":\"get\"");
        assertThat(wire).doesNotContain("client-test-token-4f1c").doesNotContain("4f1c");
    }

    @Test
    void anImpostorThatCannotProveTheTokenIsRejected() throws Exception {
        try (ScriptedPeer impostor = new ScriptedPeer(
                "{\"hello\":\"syncdict\",\"proto\":1,\"version\":\"x\",\"nonce\":\"abc\"}",
                "{\"id\":1,\"rev\":0,\"proof\":\"00\"}")) {
            assertThatThrownBy(() -> SyncdictClient.connect("127.0.0.1", impostor.port(), daemon.token))
                    .isInstanceOf(DaemonRefusedException.class)
                    .hasMessageContaining("could not prove it knows the token");
        }
    }

    @Test
    void aDaemonOfAnotherProtocolVersionIsNamedAsSuch() throws Exception {
        try (ScriptedPeer future = new ScriptedPeer("{\"hello\":\"syncdict\",\"proto\":2,\"version\":\"9.0\",\"nonce\":\"n\"}")) {
            assertThatThrownBy(() -> SyncdictClient.connect("127.0.0.1", future.port(), daemon.token))
                    .isInstanceOf(IOException.class)
                    .hasMessage("the daemon speaks protocol 2 (syncdictd 9.0); this client speaks 1");
        }
    }

    @Test
    void somethingThatIsNotADaemonIsNamedAsSuch() throws Exception {
        try (ScriptedPeer redis = new ScriptedPeer("+OK redis")) {
            assertThatThrownBy(() -> SyncdictClient.connect("127.0.0.1", redis.port(), daemon.token))
                    .isInstanceOf(IOException.class).hasMessageContaining("is not a syncdict daemon");
        }
    }

    /** Accepts one client and relays bytes both ways to the daemon, keeping a copy. */
    private void relay(ServerSocket proxy, ByteArrayOutputStream sent, ByteArrayOutputStream received) {
        try (Socket client = proxy.accept(); Socket upstream = new Socket("127.0.0.1", daemon.port())) {
            Thread back = new Thread(() -> copy(upstream, client, received));
            back.start();
            copy(client, upstream, sent);
            back.join(10_000);
        } catch (IOException | InterruptedException ignored) {
            // The test's assertions say whether the relay did its job.
        }
    }

    private static void copy(Socket from, Socket to, ByteArrayOutputStream copy) {
        try {
            InputStream in = from.getInputStream();
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                synchronized (copy) {
                    copy.write(buffer, 0, n);
                }
                to.getOutputStream().write(buffer, 0, n);
            }
            to.shutdownOutput();
        } catch (IOException ignored) {
            // One side closed.
        }
    }
}
