package dev.syncdict.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncdict.protocol.Codec;
import dev.syncdict.protocol.Reply;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Generated hostile byte streams through a connection's whole pipeline: the line framer, the
 * request decoder, the handshake and the request handler, fed in chunks cut at random places.
 * Whatever comes in, nothing escapes the pipeline as an exception, every line the daemon writes
 * is a reply a client can read, each line sent gets exactly one reply in order, and only an
 * over-long line ends the connection. The seed is fixed so a failure reproduces; the budget
 * (streams per test) can be raised with {@code -Dsyncdict.fuzz.streams=N} for a longer run, and
 * {@code -Dsyncdict.fuzz.seed=S} explores elsewhere.
 */
class LineFuzzTest {

    private static final long SEED = Long.getLong("syncdict.fuzz.seed", 0x11e_f022L);
    private static final int BUDGET = Integer.getInteger("syncdict.fuzz.streams", 300);
    private static final int MAX_LINE = 2048;
    private static final DaemonConfig CONFIG = DaemonConfig.defaults(EmbeddedConnection.TOKEN).withMaxLineBytes(MAX_LINE);

    private static final List<String> VALID = List.of(
            "{\"id\":1,\"op\":\"set\",\"path\":\"a.b[0]\",\"value\":{\"x\":[1,2.5e3,\"s\\u00e9\",true,null]}}",
            "{\"id\":\"q\",\"op\":\"tx\",\"ops\":[{\"op\":\"incr\",\"path\":\"n\",\"by\":0.1},{\"op\":\"get\",\"path\":\"n\"}]}",
            "{\"op\":\"keys\",\"path\":\"a\",\"limit\":10,\"kinds\":true}",
            "{\"id\":7,\"op\":\"del\",\"path\":\"a.b\"}",
            "{\"id\":8,\"op\":\"incr\",\"path\":\"n\",\"by\":-3}",
            "{\"op\":\"ping\"}");

    /** A line of one of several hostile kinds, without its end. */
    private static byte[] line(Random random) {
        switch (random.nextInt(6)) {
            case 0:
                return VALID.get(random.nextInt(VALID.size())).getBytes(StandardCharsets.UTF_8);
            case 1: {
                byte[] valid = VALID.get(random.nextInt(VALID.size())).getBytes(StandardCharsets.UTF_8);
                valid[random.nextInt(valid.length)] = (byte) random.nextInt(256);
                return valid;
            }
            case 2: {
                byte[] noise = new byte[random.nextInt(80)];
                random.nextBytes(noise);
                return noise;
            }
            case 3: {
                int depth = random.nextInt(300);
                return ("{\"op\":\"set\",\"path\":\"d\",\"value\":" + "[".repeat(depth) + "]".repeat(depth) + "}").getBytes(StandardCharsets.UTF_8);
            }
            case 4:
                return " \t\r".repeat(random.nextInt(3)).getBytes(StandardCharsets.UTF_8);
            default: {
                byte[] valid = VALID.get(random.nextInt(VALID.size())).getBytes(StandardCharsets.UTF_8);
                return java.util.Arrays.copyOf(valid, random.nextInt(valid.length));
            }
        }
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Feeds the stream in random pieces and returns every line the daemon wrote. */
    private static List<String> feedInPieces(EmbeddedConnection connection, byte[] stream, Random random) {
        for (int at = 0; at < stream.length && connection.channel.isOpen(); ) {
            int piece = Math.min(stream.length - at, 1 + random.nextInt(200));
            connection.feedBytes(java.util.Arrays.copyOfRange(stream, at, at + piece));
            at += piece;
        }
        connection.channel.checkException();
        return connection.replies();
    }

    @Test
    void afterTheHandshakeEveryLineGetsOneReadableReplyInOrder() {
        Random random = new Random(SEED);
        for (int round = 0; round < BUDGET; round++) {
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            int expected = 0;
            boolean overlong = random.nextInt(10) == 0;
            for (int lines = random.nextInt(40); lines > 0; lines--) {
                byte[] line = line(random);
                // A newline inside random bytes ends a line early: count lines as the framer will see them.
                for (String part : new String(line, StandardCharsets.ISO_8859_1).split("\n", -1)) {
                    expected += isBlank(part.getBytes(StandardCharsets.ISO_8859_1)) ? 0 : 1;
                }
                stream.writeBytes(line);
                stream.write('\n');
            }
            if (overlong) {
                stream.writeBytes("x".repeat(MAX_LINE + 1 + random.nextInt(MAX_LINE)).getBytes(StandardCharsets.UTF_8));
            }
            try (EmbeddedConnection connection = EmbeddedConnection.authenticated(CONFIG, 10)) {
                List<String> replies = feedInPieces(connection, stream.toByteArray(), random);
                assertThat(replies).as("round %d", round).hasSize(expected + (overlong ? 1 : 0));
                for (String reply : replies) {
                    assertThat(Codec.decodeMessage(reply)).as("round %d: %s", round, reply).isInstanceOf(Reply.class);
                }
                if (overlong) {
                    assertThat(replies.get(replies.size() - 1)).as("round %d", round).contains("\"too_large\"");
                } else {
                    assertThat(connection.channel.isActive()).as("round %d", round).isTrue();
                }
            }
        }
    }

    @Test
    void beforeTheHandshakeAnythingButAProofGetsOneRefusal() {
        Random random = new Random(SEED + 1);
        for (int round = 0; round < BUDGET; round++) {
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            for (int lines = 1 + random.nextInt(10); lines > 0; lines--) {
                byte[] line = line(random);
                stream.writeBytes(line);
                stream.write('\n');
            }
            if (random.nextBoolean()) {
                stream.writeBytes(new byte[5000]);
            }
            try (EmbeddedConnection connection = new EmbeddedConnection(CONFIG, 10)) {
                assertThat(connection.nextLine()).contains("\"hello\"");
                List<String> replies = feedInPieces(connection, stream.toByteArray(), random);
                // Blank lines are ignored; the first other line is refused, and nothing after it is read.
                assertThat(replies.size()).as("round %d", round).isLessThanOrEqualTo(1);
                for (String reply : replies) {
                    Reply refusal = (Reply) Codec.decodeMessage(reply);
                    assertThat(refusal.error().code().wireName()).as("round %d", round).isIn("unauthorized", "too_large");
                }
            }
        }
    }
}
