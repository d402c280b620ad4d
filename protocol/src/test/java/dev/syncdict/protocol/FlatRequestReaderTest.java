package dev.syncdict.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * The reader without a parser against Jackson's: on every line it reads, generated from common
 * request lines and the fuzzer's hostile ones, it must hand over exactly the members Jackson
 * does, same names, same order, same values of the same types (a number's scale included); and
 * Jackson must read every such line without an error.
 */
class FlatRequestReaderTest {

    private static final List<String> FLAT = List.of(
            "{\"id\":1,\"op\":\"incr\",\"path\":\"counter:1\",\"by\":1}",
            "{\"op\":\"get\",\"path\":\"a.b[2]\",\"id\":\"q-7\"}",
            " {\t\"op\" : \"set\" ,\"path\":\"k\",\"value\":-0.50e+3, \"if_rev\":0}\r",
            "{\"op\":\"set\",\"path\":\"k\",\"value\":true,\"if_absent\":false,\"id\":12345678901234567890}",
            "{\"op\":\"set\",\"path\":\"x\",\"value\":null,\"x-unknown\":\"\",\"op\":\"del\"}",
            "{\"op\":\"keys\",\"path\":\"users\",\"prefix\":\"a\",\"after\":\"b\",\"limit\":10,\"kinds\":true}",
            "{\"op\":\"incr\",\"path\":\"n\",\"by\":1E-7}",
            "{\"op\":\"incr\",\"path\":\"n\",\"by\":-0,\"id\":-999999999999999999}",
            "{\"op\":\"incr\",\"path\":\"n\",\"by\":-1,\"id\":9999999999999999999}",
            "{}");

    @Test
    void readsTheCommonLinesAsJacksonDoes() {
        for (String line : FLAT) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            assertThat(flat(bytes)).as("read without a parser: %s", line).isNotNull();
            assertSameMembers(bytes);
        }
    }

    @Test
    void handsOverWhatJacksonHandsOverOnEveryLineItReads() {
        List<String> valid = new ArrayList<>(FLAT);
        List<byte[]> inputs = FuzzTest.inputs(new Random(FuzzTest.SEED + 4), valid);
        int read = 0;
        for (byte[] input : inputs) {
            if (assertSameMembers(input)) {
                read++;
            }
        }
        // Mutations of flat lines often stay readable: the comparison must not be vacuous.
        assertThat(read).isGreaterThan(inputs.size() / 20);
    }

    @Test
    void declinesWhatItDoesNotReadExactly() {
        for (String line : List.of("{\"op\":\"set\",\"path\":\"k\",\"value\":{\"a\":1}}", "{\"op\":\"get\",\"path\":\"\\u0061\"}",
                "{\"op\":\"get\",\"path\":\"\u00e9\"}", "{\"op\":\"get\",\"path\":\"a\"} x", "{\"op\":01}", "{\"op\":truex}",
                "{\"by\":1." + "5".repeat(30) + "}", "{\"by\":1e1001}", "[1]", "{\"op\":\"get\",}", "\ufeff{}")) {
            assertThat(flat(line.getBytes(StandardCharsets.UTF_8))).as(line).isNull();
        }
    }

    /** True when the flat reader read the line, having checked it matches Jackson. */
    private static boolean assertSameMembers(byte[] input) {
        List<Object[]> flat = flat(input);
        if (flat == null) {
            return false;
        }
        List<Object[]> jackson = new ArrayList<>();
        BiConsumer<String, Object> recorder = (name, value) -> jackson.add(new Object[] {name, value});
        String text = new String(input, StandardCharsets.UTF_8);
        assertThat(Json.parseMembers(input, 0, input.length, recorder)).as("an object: %s", text).isTrue();
        assertThat(flat).as("members of %s", text).hasSameSizeAs(jackson);
        for (int i = 0; i < flat.size(); i++) {
            assertThat(flat.get(i)[0]).as("name %d of %s", i, text).isEqualTo(jackson.get(i)[0]);
            assertThat(flat.get(i)[1]).as("value %d of %s", i, text)
                    .isExactlyInstanceOf(jackson.get(i)[1].getClass()).isEqualTo(jackson.get(i)[1]);
        }
        return true;
    }

    private static List<Object[]> flat(byte[] input) {
        List<Object[]> members = new ArrayList<>();
        return FlatRequestReader.read(input, 0, input.length, (name, value) -> members.add(new Object[] {name, value})) ? members : null;
    }
}
