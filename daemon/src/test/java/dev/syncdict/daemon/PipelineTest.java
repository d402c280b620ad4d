package dev.syncdict.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncdict.daemon.store.Dictionary;
import dev.syncdict.daemon.store.TreeStore;
import dev.syncdict.protocol.Codec;
import dev.syncdict.protocol.Handshake;
import dev.syncdict.protocol.Hello;
import dev.syncdict.protocol.Limits;
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

    private static final Token TOKEN = EmbeddedConnection.TOKEN;
    private static final int MAX_LINE = 2 * Limits.HANDSHAKE_LINE_BYTES;
    /** Two values of almost a request line each make a reply too long; one does not. */
    private static final int MAX_REPLY = 3 * MAX_LINE / 2;
    private static final int HISTORY = 100;

    private EmbeddedConnection connection;
    private EmbeddedChannel channel;

    @BeforeEach
    void openAuthenticatedChannel() {
        connection = EmbeddedConnection.authenticated(DaemonConfig.defaults(TOKEN).withMaxLineBytes(MAX_LINE).withMaxReplyBytes(MAX_REPLY), HISTORY);
        channel = connection.channel;
    }

    @AfterEach
    void close() {
        connection.close();
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
    void tooDeepAValueIsTooDeepButNotFatal() {
        feed("{\"id\":1,\"op\":\"set\",\"path\":\"d\",\"value\":" + "[".repeat(200) + "]".repeat(200) + "}\n");
        assertThat(nextLine()).contains("\"code\":\"too_deep\"");
        feed("{\"id\":2,\"op\":\"ping\"}\n");
        assertThat(nextLine()).isEqualTo("{\"id\":2,\"rev\":0,\"value\":\"pong\"}");
    }

    @Test
    void anEndlessPathIsTooDeepAndTheDaemonGoesOn() {
        feed("{\"id\":1,\"op\":\"set\",\"path\":\"" + "a.".repeat(200) + "a\",\"value\":1}\n");
        assertThat(nextLine()).contains("\"code\":\"too_deep\"").contains("at most 128 segments");
        feed("{\"id\":2,\"op\":\"ping\"}\n");
        assertThat(nextLine()).isEqualTo("{\"id\":2,\"rev\":0,\"value\":\"pong\"}");
    }

    @Test
    void aReplyPastItsLimitIsTooLargeAndTheConnectionGoesOn() {
        String part = "x".repeat(MAX_LINE - 100);
        feed("{\"id\":1,\"op\":\"set\",\"path\":\"a\",\"value\":\"" + part + "\"}\n");
        feed("{\"id\":2,\"op\":\"set\",\"path\":\"b\",\"value\":\"" + part + "\"}\n");
        assertThat(nextLine()).isEqualTo("{\"id\":1,\"rev\":1}");
        assertThat(nextLine()).isEqualTo("{\"id\":2,\"rev\":2}");
        feed("{\"id\":3,\"op\":\"dump\"}\n{\"id\":4,\"op\":\"get\",\"path\":\"a\"}\n");
        assertThat(nextLine()).isEqualTo("{\"id\":3,\"rev\":2,\"error\":{\"code\":\"too_large\",\"message\":\"the reply would be"
                + " longer than the limit of " + MAX_REPLY + " bytes; read it in parts: 'keys PATH' lists an object's keys a page"
                + " at a time, 'get PATH.KEY' reads one of them\"}}");
        assertThat(nextLine()).isEqualTo("{\"id\":4,\"rev\":2,\"value\":\"" + part + "\",\"mod_rev\":1}");
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void beforeTheHandshakeLinesAreShort() {
        try (EmbeddedConnection stranger = new EmbeddedConnection(DaemonConfig.defaults(TOKEN), HISTORY)) {
            assertThat(stranger.nextLine()).contains("\"hello\"");
            stranger.feed("{\"op\":\"auth\",\"nonce\":\"" + "n".repeat(Limits.HANDSHAKE_LINE_BYTES));
            assertThat(stranger.nextLine()).contains("\"code\":\"too_large\"")
                    .contains("longer than the limit of " + Limits.HANDSHAKE_LINE_BYTES + " bytes before the handshake");
        }
    }

    @Test
    void afterTheHandshakeTheFullLineLimitApplies() {
        String value = "v".repeat(MAX_LINE - 100);
        assertThat(value.length()).isGreaterThan(Limits.HANDSHAKE_LINE_BYTES);
        feed("{\"id\":1,\"op\":\"set\",\"path\":\"k\",\"value\":\"" + value + "\"}\n");
        assertThat(nextLine()).isEqualTo("{\"id\":1,\"rev\":1}");
    }

    @Test
    void aWatchFromBeforeTheHistoryIsCompactedAndSaysWhereItCanStart() {
        StringBuilder writes = new StringBuilder();
        for (int i = 1; i <= HISTORY + 50; i++) {
            writes.append("{\"op\":\"incr\",\"path\":\"n\"}\n");
        }
        feed(writes.toString());
        for (int i = 1; i <= HISTORY + 50; i++) {
            nextLine();
        }
        feed("{\"id\":\"old\",\"op\":\"watch\",\"from\":10}\n");
        assertThat(nextLine()).isEqualTo("{\"id\":\"old\",\"rev\":150,\"error\":{\"code\":\"compacted\",\"message\":"
                + "\"the history starts after revision 50; watch from 50 or later, after reading the current value\"}}");
        feed("{\"id\":\"edge\",\"op\":\"watch\",\"from\":148}\n");
        assertThat(nextLine()).isEqualTo("{\"id\":\"edge\",\"rev\":150}");
        assertThat(nextLine()).isEqualTo("{\"watch\":\"edge\",\"rev\":149,\"changes\":[{\"kind\":\"incr\",\"path\":\"n\",\"value\":149}]}");
        assertThat(nextLine()).isEqualTo("{\"watch\":\"edge\",\"rev\":150,\"changes\":[{\"kind\":\"incr\",\"path\":\"n\",\"value\":150}]}");
    }

    @Test
    void aWatchFromThePastGetsTheValuesAndPreviousValuesTheHistoryKept() {
        feed("{\"op\":\"set\",\"path\":\"a\",\"value\":{\"x\":[1,\"two\",null,true],\"y\":{}}}\n"
                + "{\"op\":\"set\",\"path\":\"b\",\"value\":0}\n"
                + "{\"op\":\"set\",\"path\":\"a\",\"value\":2.50}\n"
                + "{\"op\":\"del\",\"path\":\"a\"}\n");
        for (int i = 1; i <= 4; i++) {
            nextLine();
        }
        feed("{\"id\":\"p\",\"op\":\"watch\",\"path\":\"a\",\"from\":0,\"prev\":true}\n");
        assertThat(nextLine()).isEqualTo("{\"id\":\"p\",\"rev\":4}");
        assertThat(nextLine()).isEqualTo("{\"watch\":\"p\",\"rev\":1,\"changes\":[{\"kind\":\"set\",\"path\":\"a\","
                + "\"value\":{\"x\":[1,\"two\",null,true],\"y\":{}}}]}");
        assertThat(nextLine()).isEqualTo("{\"watch\":\"p\",\"rev\":3,\"changes\":[{\"kind\":\"set\",\"path\":\"a\",\"value\":2.50,"
                + "\"prev\":{\"x\":[1,\"two\",null,true],\"y\":{}}}]}");
        assertThat(nextLine()).isEqualTo("{\"watch\":\"p\",\"rev\":4,\"changes\":[{\"kind\":\"del\",\"path\":\"a\",\"prev\":2.50}]}");
    }

    private void feed(String text) {
        connection.feed(text);
    }

    private void feedBytes(byte[] bytes) {
        connection.feedBytes(bytes);
    }

    private String nextLine() {
        return connection.nextLine();
    }
}
