package dev.syncdict.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncdict.daemon.store.Dictionary;
import dev.syncdict.protocol.Codec;
import dev.syncdict.protocol.Handshake;
import dev.syncdict.protocol.Hello;
import dev.syncdict.protocol.Reply;
import dev.syncdict.protocol.Token;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real pipeline on an EmbeddedChannel: bytes in, lines out, fed in awkward pieces. */
class PipelineTest {

    private static final Token TOKEN = Token.of("embedded");
    private static final int MAX_LINE = 1024;

    private Sequencer sequencer;
    private EmbeddedChannel channel;
    private final List<String> received = new ArrayList<>();

    @BeforeEach
    void openAuthenticatedChannel() {
        ConnectionLimiter limiter = new ConnectionLimiter(10);
        sequencer = new Sequencer(new Dispatcher(new Dictionary(), limiter::open));
        DaemonConfig config = DaemonConfig.defaults(TOKEN).withMaxLineBytes(MAX_LINE);
        channel = new EmbeddedChannel(new ServerInitializer(config, limiter, sequencer, () -> {}));
        Hello hello = Hello.decode(nextLine());
        String nonce = Handshake.newNonce();
        feed("{\"op\":\"auth\",\"nonce\":\"" + nonce + "\",\"proof\":\"" + Handshake.clientProof(TOKEN, hello.nonce(), nonce) + "\"}\n");
        Reply auth = Codec.decodeReply(nextLine());
        assertThat(auth.isError()).isFalse();
        assertThat(Handshake.matches(Handshake.daemonProof(TOKEN, hello.nonce(), nonce), auth.proof())).isTrue();
    }

    @AfterEach
    void close() throws InterruptedException {
        channel.finishAndReleaseAll();
        sequencer.close();
    }

    @Test
    void aRequestSplitAcrossReadsIsOneRequest() {
        feed("{\"id\":1,\"op\":\"pi");
        feed("ng\"}");
        feed("\n");
        assertThat(nextLine()).isEqualTo("{\"id\":1,\"rev\":0,\"value\":\"pong\"}");
    }

    @Test
    void pipelinedRequestsInOneReadAreAnsweredInOrder() {
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 50; i++) {
            lines.append("{\"id\":").append(i).append(",\"op\":\"incr\",\"path\":\"n\"}\r\n");
        }
        feed(lines.toString());
        for (int i = 1; i <= 50; i++) {
            assertThat(nextLine()).isEqualTo("{\"id\":" + i + ",\"rev\":" + i + ",\"value\":" + i + "}");
        }
    }

    @Test
    void garbageGetsAnErrorAndTheConnectionGoesOn() {
        feed("this is not json\n\n   \n{\"id\":2,\"op\":\"ping\"}\n");
        assertThat(nextLine()).startsWith("{\"rev\":0,\"error\":{\"code\":\"bad_request\",\"message\":\"the request is not valid JSON");
        assertThat(nextLine()).isEqualTo("{\"id\":2,\"rev\":0,\"value\":\"pong\"}");
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void anOverlongLineIsRefusedAndClosesTheConnection() {
        feed("{\"id\":1,\"op\":\"set\",\"path\":\"x\",\"value\":\"" + "x".repeat(MAX_LINE));
        assertThat(nextLine()).isEqualTo("{\"rev\":0,\"error\":{\"code\":\"too_large\",\"message\":\"line longer than the limit of "
                + MAX_LINE + " bytes; closing the connection\"}}");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            channel.runPendingTasks();
            return !channel.isOpen();
        });
    }

    @Test
    void multiByteCharactersSplitMidCharacterSurvive() {
        byte[] line = "{\"id\":1,\"op\":\"set\",\"path\":\"été\",\"value\":\"😀 ü\"}\n".getBytes(StandardCharsets.UTF_8);
        int middleOfE = "{\"id\":1,\"op\":\"set\",\"path\":\"".length() + 1; // between the two bytes of the first 'é'
        assertThat(line[middleOfE - 1]).isEqualTo((byte) 0xC3);
        feedBytes(java.util.Arrays.copyOfRange(line, 0, middleOfE));
        feedBytes(java.util.Arrays.copyOfRange(line, middleOfE, line.length));
        assertThat(nextLine()).isEqualTo("{\"id\":1,\"rev\":1}");
        feed("{\"id\":2,\"op\":\"get\",\"path\":\"été\"}\n");
        assertThat(nextLine()).isEqualTo("{\"id\":2,\"rev\":1,\"value\":\"😀 ü\",\"mod_rev\":1}");
    }

    @Test
    void invalidUtf8IsABadRequest() {
        byte[] prefix = "{\"id\":1,\"op\":\"set\",\"path\":\"k\",\"value\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] bad = {(byte) 0xC3, (byte) 0x28};
        byte[] suffix = "\"}\n".getBytes(StandardCharsets.UTF_8);
        feedBytes(prefix);
        feedBytes(bad);
        feedBytes(suffix);
        assertThat(nextLine()).contains("\"code\":\"bad_request\"").contains("UTF-8");
        feed("{\"id\":2,\"op\":\"ping\"}\n");
        assertThat(nextLine()).isEqualTo("{\"id\":2,\"rev\":0,\"value\":\"pong\"}");
    }

    @Test
    void tooDeepAValueIsTooLargeButNotFatal() {
        feed("{\"id\":1,\"op\":\"set\",\"path\":\"d\",\"value\":" + "[".repeat(200) + "]".repeat(200) + "}\n");
        assertThat(nextLine()).contains("\"code\":\"too_large\"");
        feed("{\"id\":2,\"op\":\"ping\"}\n");
        assertThat(nextLine()).isEqualTo("{\"id\":2,\"rev\":0,\"value\":\"pong\"}");
    }

    @Test
    void anEndlessPathIsABadPathAndTheDaemonGoesOn() {
        feed("{\"id\":1,\"op\":\"set\",\"path\":\"" + "a.".repeat(200) + "a\",\"value\":1}\n");
        assertThat(nextLine()).contains("\"code\":\"bad_path\"").contains("at most 128 segments");
        feed("{\"id\":2,\"op\":\"ping\"}\n");
        assertThat(nextLine()).isEqualTo("{\"id\":2,\"rev\":0,\"value\":\"pong\"}");
    }

    private void feed(String text) {
        feedBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private void feedBytes(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
    }

    /** The next reply line; replies come from the sequencer's thread, so wait for them. */
    private String nextLine() {
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2)).atMost(Duration.ofSeconds(10)).until(() -> {
            channel.runPendingTasks();
            drain();
            return !received.isEmpty();
        });
        return received.remove(0);
    }

    private void drain() {
        for (ByteBuf buf = channel.readOutbound(); buf != null; buf = channel.readOutbound()) {
            String text = buf.toString(StandardCharsets.UTF_8);
            buf.release();
            for (String line : text.split("\n")) {
                received.add(line);
            }
        }
    }
}
