package dev.syncdict.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The flat reply reader against the general one it stands in front of: every line it reads must
 * give the same reply as {@link Codec#decodeMessage(String)}, and every line that one refuses it
 * must decline. Lines are the daemon's encoding of generated replies, flat and not, some spoiled by
 * an edit, from a fixed seed (-Dsyncdict.fuzz.inputs=N runs more).
 */
class FlatReplyReaderTest {

    private static final long SEED = Long.getLong("syncdict.fuzz.seed", 0x7e47_0003L);
    private static final int BUDGET = Integer.getInteger("syncdict.fuzz.inputs", 20_000);

    @Test
    void readsEveryLineItTakesAsTheGeneralReaderDoes() {
        RandomJson json = new RandomJson(SEED);
        Random random = new Random(SEED);
        int read = 0;
        for (int i = 0; i < BUDGET; i++) {
            Reply reply = Reply.ok(random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(1000),
                    random.nextInt(5) == 0 ? null : json.value(random.nextInt(4) == 0 ? 1 : 0));
            reply = reply.withId(random.nextInt(4) == 0 ? null : random.nextBoolean() ? json.text() : BigDecimal.valueOf(random.nextInt(1 << 20)));
            if (random.nextInt(3) == 0) {
                reply = reply.withModRev(random.nextInt(1 << 20));
            }
            if (random.nextInt(4) == 0) {
                reply = reply.withMore(random.nextBoolean());
            }
            if (random.nextInt(6) == 0) {
                reply = reply.withProof(json.text());
            }
            if (random.nextInt(10) == 0) {
                reply = Reply.error(reply.rev(), ErrorCode.NOT_FOUND, json.text()).withId(reply.id());
            }
            if (random.nextInt(12) == 0) {
                reply = reply.withResults(List.of(Reply.ok(1, BigDecimal.ONE)));
            }
            String line = Codec.encode(reply);
            if (random.nextInt(3) == 0) {
                line = json.text(line); // a respaced, perhaps spoiled, copy: not a value's text, but any text will do
            }
            read += compare(line) ? 1 : 0;
        }
        // Most generated values have a character or a number the flat reader leaves to the general one; enough do not.
        assertThat(read).isBetween(BUDGET / 10, BUDGET * 9 / 10);
    }

    @Test
    void readsAndDeclinesTheEdgesAsTheGeneralReaderDoes() {
        for (String line : List.of("{\"id\":1,\"rev\":2,\"value\":3}", "{\"rev\":0}", " { \"rev\" : 5 , \"value\" : \"x\" } ", "{}",
                "{\"rev\":1.5}", "{\"rev\":1e2}", "{\"rev\":-0}", "{\"rev\":1234567890123456789}", "{\"rev\":1,\"mod_rev\":2.0}",
                "{\"rev\":1,\"more\":1}", "{\"rev\":1,\"proof\":2}", "{\"rev\":1,\"value\":truex}", "{\"rev\":1,\"value\":nul}",
                "{\"rev\":1,\"value\":-0.0}", "{\"rev\":1,\"value\":01}", "{\"rev\":1,\"value\":1e1001}", "{\"rev\":1,\"rev\":2}",
                "{\"rev\":1,\"value\":\"a\\\"b\"}", "{\"rev\":1,\"value\":\"é\"}", "{\"rev\":1,\"unknown\":1}", "{\"watch\":1,\"rev\":2,\"changes\":[]}",
                "{\"rev\":1,}", "{\"rev\" 1}", "[1]", "", "{\"rev\":1} x", "{\"id\":null,\"rev\":3}", "{\"id\":true,\"rev\":3}")) {
            compare(line);
        }
    }

    /** Whether the flat reader read the line; fails when it read it otherwise than the general reader, or read what that refuses. */
    private static boolean compare(String line) {
        // Both read what arrives: the line's bytes (a lone surrogate in the text became a question mark).
        byte[] bytes = ("<" + line + ">").getBytes(StandardCharsets.UTF_8);
        Reply flat = FlatReplyReader.read(bytes, 1, bytes.length - 2);
        Object general;
        try {
            general = Codec.decodeMessage(new String(bytes, 1, bytes.length - 2, StandardCharsets.UTF_8));
        } catch (RuntimeException refused) {
            assertThat(flat).as("refused: %s", line).isNull();
            return false;
        }
        if (flat != null) {
            assertThat(flat).as("%s", line).isEqualTo(general);
            assertThat(scaleOf(flat.value())).as(line).isEqualTo(scaleOf(((Reply) general).value()));
        }
        return flat != null;
    }

    private static int scaleOf(Object value) {
        return value instanceof BigDecimal ? ((BigDecimal) value).scale() : -1;
    }
}
