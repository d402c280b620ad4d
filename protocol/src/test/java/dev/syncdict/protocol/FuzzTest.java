package dev.syncdict.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Generated hostile input for the readers a peer can reach: the JSON value reader, the request
 * decoder and the path parser. Arbitrary bytes and almost-valid JSON may be refused, but only with
 * the project's own errors, never anything else, and never slowly. The seed is fixed, so a failure
 * reproduces; the budget keeps the normal test run short (-Dsyncdict.fuzz.inputs=N runs longer,
 * -Dsyncdict.fuzz.seed=S explores elsewhere).
 */
class FuzzTest {

    static final long SEED = Long.getLong("syncdict.fuzz.seed", 0x5eed_d1c7L);
    static final int BUDGET = Integer.getInteger("syncdict.fuzz.inputs", 20_000);

    private static final List<String> VALID = List.of(
            "{\"id\":1,\"op\":\"set\",\"path\":\"a.b[2]\",\"value\":{\"x\":[1,2.5e3,\"s\\u00e9\",true,null]}}",
            "{\"id\":\"q\",\"op\":\"tx\",\"ops\":[{\"op\":\"incr\",\"path\":\"n\",\"by\":0.1},{\"op\":\"get\",\"path\":\".\\\"odd.key\\\"\"}]}",
            "{\"op\":\"keys\",\"path\":\"users\",\"prefix\":\"a\",\"after\":\"b\",\"limit\":10,\"kinds\":true}",
            "{\"op\":\"watch\",\"id\":7,\"path\":\"cfg\",\"from\":3,\"prev\":true}",
            "{\"op\":\"load\",\"value\":[[[[{}]]]],\"merge\":false,\"path\":\"x[-1]\"}");

    /** Runs a reader over every input; anything it throws must be one of the allowed errors. */
    private static void survives(String what, List<byte[]> inputs, ThrowingReader reader, Class<?>... allowed) {
        for (byte[] input : inputs) {
            try {
                reader.read(input);
            } catch (Throwable t) {
                assertThat(allowed).as("%s threw %s for %s", what, t, new String(input, StandardCharsets.UTF_8))
                        .anyMatch(type -> type.isInstance(t));
            }
        }
    }

    private interface ThrowingReader {
        void read(byte[] input) throws Exception;
    }

    private static List<byte[]> inputs(Random random) {
        return inputs(random, VALID);
    }

    /** Random bytes, printable garbage, and valid requests with bytes flipped, cut, doubled or spliced. */
    static List<byte[]> inputs(Random random, List<String> valid) {
        List<byte[]> inputs = new ArrayList<>();
        byte[] alphabet = "{}[]\",:.\\0123456789eE+-truefalsnul \t\r\n\u00e9".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < BUDGET; i++) {
            byte[] input;
            switch (i % 4) {
                case 0:
                    input = new byte[random.nextInt(64)];
                    random.nextBytes(input);
                    break;
                case 1:
                    input = new byte[random.nextInt(128)];
                    for (int j = 0; j < input.length; j++) {
                        input[j] = alphabet[random.nextInt(alphabet.length)];
                    }
                    break;
                default:
                    input = mutate(valid.get(random.nextInt(valid.size())).getBytes(StandardCharsets.UTF_8), valid, random);
            }
            inputs.add(input);
        }
        return inputs;
    }

    private static byte[] mutate(byte[] valid, List<String> others, Random random) {
        byte[] copy = valid.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(copy.length);
            switch (random.nextInt(4)) {
                case 0:
                    copy[at] = (byte) random.nextInt(256);
                    break;
                case 1:
                    copy = java.util.Arrays.copyOf(copy, Math.max(1, at));
                    break;
                case 2:
                    byte[] doubled = new byte[copy.length * 2];
                    System.arraycopy(copy, 0, doubled, 0, copy.length);
                    System.arraycopy(copy, 0, doubled, copy.length, copy.length);
                    copy = doubled;
                    break;
                default:
                    byte[] other = others.get(random.nextInt(others.size())).getBytes(StandardCharsets.UTF_8);
                    byte[] spliced = java.util.Arrays.copyOf(copy, at + other.length - Math.min(at, other.length - 1));
                    System.arraycopy(other, Math.min(at, other.length - 1), spliced, at, other.length - Math.min(at, other.length - 1));
                    copy = spliced;
            }
        }
        return copy;
    }

    @Test
    void theJsonReaderRefusesOnlyWithJsonErrors() {
        survives("Json.parse", inputs(new Random(SEED)), input -> Json.parse(input, 0, input.length), JsonException.class);
    }

    @Test
    void theRequestDecoderRefusesOnlyWithProtocolErrors() {
        survives("Codec.decodeRequest", inputs(new Random(SEED + 1)), input -> Codec.decodeRequest(input, 0, input.length),
                ProtocolException.class);
    }

    @Test
    void theReplyReaderRefusesOnlyWithProtocolErrors() {
        survives("Codec.decodeMessage", inputs(new Random(SEED + 2)),
                input -> Codec.decodeMessage(new String(input, StandardCharsets.UTF_8)), ProtocolException.class);
    }

    @Test
    void thePathParserRefusesOnlyWithPathErrors() {
        Random random = new Random(SEED + 3);
        char[] alphabet = ".[]\"\\-0123456789abcxyz é\u0001".toCharArray();
        List<byte[]> paths = new ArrayList<>();
        for (int i = 0; i < BUDGET; i++) {
            char[] path = new char[random.nextInt(40)];
            for (int j = 0; j < path.length; j++) {
                path[j] = alphabet[random.nextInt(alphabet.length)];
            }
            paths.add(new String(path).getBytes(StandardCharsets.UTF_8));
        }
        survives("Path.parse", paths, input -> Path.parse(new String(input, StandardCharsets.UTF_8)), PathException.class);
        // What parses prints back to text that parses to the same path.
        for (byte[] input : paths) {
            try {
                Path path = Path.parse(new String(input, StandardCharsets.UTF_8));
                assertThat(Path.parse(path.toString())).as("round trip of %s", path).isEqualTo(path);
            } catch (PathException refused) {
                // Refused input is covered above.
            }
        }
    }
}
