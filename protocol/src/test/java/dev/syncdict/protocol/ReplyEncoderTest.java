package dev.syncdict.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The encoder without a generator against the generator it replaces: every reply it takes must
 * come out byte for byte as the generator writes it. Replies are generated from a fixed seed
 * (-Dsyncdict.fuzz.inputs=N runs more), with text from every class of character the escaping
 * treats apart.
 */
class ReplyEncoderTest {

    private static final long SEED = Long.getLong("syncdict.fuzz.seed", 0x5eed_d1c7L);
    private static final int BUDGET = Integer.getInteger("syncdict.fuzz.inputs", 20_000);
    private static final char[] ALPHABET = ("az09 \"\\/\b\t\n\f\r\u0000\u001f\u007f\u0080\u00e9\u07ff\u0800\u2028\uffff"
            + "\ud83d\ude00\ud800\udc00").toCharArray();

    @Test
    void writesEveryReplyItTakesAsTheGeneratorDoes() throws IOException {
        Random random = new Random(SEED);
        int taken = 0;
        for (int i = 0; i < BUDGET; i++) {
            Reply reply = reply(random, 0);
            ByteArrayOutputStream encoded = new ByteArrayOutputStream();
            if (ReplyEncoder.writeLine(reply, encoded)) {
                taken++;
                assertThat(encoded.toString(StandardCharsets.ISO_8859_1)).as("reply %d", i).isEqualTo(generated(reply));
            }
        }
        // Nearly every generated reply fits the encoder's buffer; the comparison must not be vacuous.
        assertThat(taken).isGreaterThan(BUDGET * 9 / 10);
    }

    @Test
    void writesTheExtremesOfWholeNumbersAsTheGeneratorDoes() throws IOException {
        List<Long> numbers = new ArrayList<>(List.of(Long.MIN_VALUE, Long.MIN_VALUE + 1, -1L, 0L, Long.MAX_VALUE - 1, Long.MAX_VALUE));
        // Each side of every length the digits can have, and of an odd or even count of them.
        for (long power = 1; power <= Long.MAX_VALUE / 10; power *= 10) {
            for (long n : new long[] {power - 1, power, power + 1, 10 * power - 1}) {
                numbers.add(n);
                numbers.add(-n);
            }
        }
        for (long n : numbers) {
            Reply reply = Reply.ok(n, BigDecimal.valueOf(n)).withModRev(n);
            ByteArrayOutputStream encoded = new ByteArrayOutputStream();
            assertThat(ReplyEncoder.writeLine(reply, encoded)).isTrue();
            assertThat(encoded.toString(StandardCharsets.ISO_8859_1)).isEqualTo(generated(reply));
        }
    }

    @Test
    void leavesALongReplyToTheGeneratorAndWritesNothingItself() throws IOException {
        Reply reply = Reply.ok(3, "x".repeat(ReplyEncoder.MAX_BYTES));
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        assertThat(ReplyEncoder.writeLine(reply, encoded)).isFalse();
        assertThat(encoded.size()).isZero();

        ByteArrayOutputStream line = new ByteArrayOutputStream();
        Codec.writeLine(reply, line);
        assertThat(line.toString(StandardCharsets.ISO_8859_1)).isEqualTo(generated(reply));
    }

    @Test
    void aReplyThatFillsTheBufferExactlyIsTakenAndOneByteMoreIsNot() throws IOException {
        // {"rev":1,"value":"..."} and the newline are 21 bytes around the text.
        Reply fits = Reply.ok(1, "y".repeat(ReplyEncoder.MAX_BYTES - 21));
        Reply over = Reply.ok(1, "y".repeat(ReplyEncoder.MAX_BYTES - 20));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ReplyEncoder.writeLine(fits, out)).isTrue();
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo(generated(fits));
        assertThat(ReplyEncoder.writeLine(over, new ByteArrayOutputStream())).isFalse();
    }

    private static String generated(Reply reply) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Codec.writeLineWithGenerator(reply, out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static Reply reply(Random random, int depth) {
        Object id = random.nextInt(3) == 0 ? null : random.nextBoolean() ? text(random) : number(random);
        long rev = random.nextBoolean() ? random.nextInt(1000) : random.nextLong();
        if (random.nextInt(5) == 0) {
            Integer index = random.nextBoolean() ? null : random.nextInt(100);
            ErrorCode code = ErrorCode.values()[random.nextInt(ErrorCode.values().length)];
            return Reply.error(rev, new Reply.Error(code, text(random), index)).withId(id);
        }
        Reply reply = Reply.ok(rev, random.nextInt(4) == 0 ? null : value(random, 0)).withId(id);
        if (random.nextInt(3) == 0) {
            reply = reply.withModRev(random.nextInt(1 << 20));
        }
        if (random.nextInt(4) == 0) {
            reply = reply.withMore(random.nextBoolean());
        }
        if (depth == 0 && random.nextInt(6) == 0) {
            List<Reply> results = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                results.add(reply(random, depth + 1));
            }
            reply = reply.withResults(results);
        }
        if (random.nextInt(8) == 0) {
            reply = reply.withProof(text(random));
        }
        return reply;
    }

    private static Object value(Random random, int depth) {
        switch (random.nextInt(depth < 3 ? 8 : 6)) {
            case 0:
            case 1:
                return text(random);
            case 2:
            case 3:
                return number(random);
            case 4:
                return random.nextBoolean() ? Boolean.valueOf(random.nextBoolean()) : Json.NULL;
            case 5:
                return random.nextBoolean() ? (Object) random.nextLong() : (Object) random.nextInt();
            case 6: {
                Map<String, Object> object = new LinkedHashMap<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.put(text(random), value(random, depth + 1));
                }
                return object;
            }
            default: {
                List<Object> array = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(value(random, depth + 1));
                }
                return array;
            }
        }
    }

    private static String text(Random random) {
        char[] chars = new char[random.nextInt(12)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(chars);
    }

    private static BigDecimal number(Random random) {
        switch (random.nextInt(4)) {
            case 0:
                return BigDecimal.valueOf(random.nextInt(2000) - 1000);
            case 1:
                return BigDecimal.valueOf(random.nextLong(), random.nextInt(10));
            case 2:
                return new BigDecimal(random.nextInt(100)).scaleByPowerOfTen(random.nextInt(60) - 30);
            default:
                return new BigDecimal(random.nextDouble() * 1e6);
        }
    }
}
