package dev.syncdict.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reader without a parser against Jackson's parser: for each text it reads, Jackson must read
 * the same value (the same types, key order and numbers' scales), and every text Jackson refuses it
 * must decline, so that Jackson's message is the one given. Texts are generated from a fixed seed
 * (-Dsyncdict.fuzz.inputs=N runs more), well-formed and spoiled by an edit.
 */
class JsonTextReaderTest {

    private static final long SEED = Long.getLong("syncdict.fuzz.seed", 0x7e47_0002L);
    private static final int BUDGET = Integer.getInteger("syncdict.fuzz.inputs", 20_000);

    @Test
    void readsWhatJacksonReadsAsJacksonDoesAndDeclinesWhatJacksonRefuses() {
        RandomJson random = new RandomJson(SEED);
        int read = 0;
        for (int i = 0; i < BUDGET; i++) {
            String text = random.text(random.value(3));
            read += compare(text) ? 1 : 0;
        }
        // Most texts are well-formed and read, and the edits spoil enough of the rest to test the refusals.
        assertThat(read).isBetween(BUDGET / 2, BUDGET * 95 / 100);
    }

    @Test
    void readsAndRefusesTheEdgesOfTheGrammarAsJacksonDoes() {
        for (String text : List.of("0", "-0", "-0.0", "1.0", "1e2", "1E-2", "1e+2", "01", "-", "1.", ".5", "+1", "1e", "0x1",
                "999999999999999999", "-999999999999999999", "9999999999999999999", "12345678901234567890123",
                "1e1000", "1e1001", "1" + "0".repeat(1000), "0." + "0".repeat(5000) + "1",
                "\"\\u00e9\\uD83D\\uDE00\\ud800\"", "\"\\/\\b\\f\\n\\r\\t\\\"\\\\\"", "\"\\x\"", "\"\\u12\"", "\"\t\"", "\"\u007f\u0080\"",
                "true", "truex", "[true,]", "[,1]", "{\"a\":1,}", "{\"a\" 1}", "{1:2}", "{\"a\":1,\"a\":2,\"b\":3}", "[]", "{}",
                " [ 1 , { } ] ", "\u000b1", "1 2", "", " ", "nul", "null ", "[[[]]]", "\"a\" \"b\"",
                "\"\\u\u0660\u0660\u0664\u0661\"", "\"\\u\uff10\uff10\uff14\uff21\"", "\"\\u00\uff41\uff41\"")) {
            // A reader that declined every edge would pass the comparison: what Jackson reads, it reads.
            assertThat(compare(text)).as(text).isEqualTo(jacksonReads(text));
        }
    }

    @Test
    void declinesNestingPastTheLimitForJacksonToReport() {
        String deepest = "[".repeat(Limits.LINE_DEPTH) + "]".repeat(Limits.LINE_DEPTH);
        String deeper = "[" + deepest + "]";
        assertThat(JsonTextReader.read(deepest)).isNotNull();
        assertThat(JsonTextReader.read(deeper)).isNull();
        compare(deepest);
        compare(deeper);
    }

    /**
     * A line of 50,000 strings with an escape each is read in memory linear in it: each string's
     * builder is sized by what it holds, not by the rest of the line, which allocated 8.8 GB
     * for this line of 450 KB (the bytes this thread allocated, as HotSpot counts them).
     */
    @Test
    void readsALineOfManyEscapedStringsInMemoryLinearInIt() {
        String text = "[" + String.join(",", java.util.Collections.nCopies(50_000, "\"a\\nb\"")) + "]";
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        List<?> read = (List<?>) JsonTextReader.read(text);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(read).hasSize(50_000).allMatch("a\nb"::equals);
        assertThat(allocated).isLessThan(100L * text.length());
    }

    /** Whether the reader read the text; fails when it read it otherwise than Jackson, or read what Jackson refuses. */
    private static boolean jacksonReads(String text) {
        try {
            Json.parseWithJackson(text);
            return true;
        } catch (RuntimeException refused) {
            return false;
        }
    }

    private static boolean compare(String text) {
        Object read = JsonTextReader.read(text);
        Object expected;
        try {
            expected = Json.parseWithJackson(text);
        } catch (RuntimeException refused) {
            // A JsonException, or (an exponent past an int) Jackson's own NumberFormatException.
            assertThat(read).as("Jackson refuses %s (%s)", text, refused.getMessage()).isNull();
            return false;
        }
        if (read != null) {
            assertThat(same(read, expected)).as("%s read as %s, by Jackson as %s", text, read, expected).isTrue();
        }
        return read != null;
    }

    /** Equal as values and as types, maps in the same order, numbers with the same scale. */
    private static boolean same(Object a, Object b) {
        if (a instanceof Map && b instanceof Map) {
            return ((Map<?, ?>) a).size() == ((Map<?, ?>) b).size() && sameInOrder(((Map<?, ?>) a).entrySet(), ((Map<?, ?>) b).entrySet());
        }
        if (a instanceof List && b instanceof List) {
            return ((List<?>) a).size() == ((List<?>) b).size() && sameInOrder((List<?>) a, (List<?>) b);
        }
        if (a instanceof Map.Entry && b instanceof Map.Entry) {
            return ((Map.Entry<?, ?>) a).getKey().equals(((Map.Entry<?, ?>) b).getKey())
                    && same(((Map.Entry<?, ?>) a).getValue(), ((Map.Entry<?, ?>) b).getValue());
        }
        return a.getClass() == b.getClass() && a.equals(b) && (!(a instanceof BigDecimal) || ((BigDecimal) a).scale() == ((BigDecimal) b).scale());
    }

    private static boolean sameInOrder(Iterable<?> a, Iterable<?> b) {
        Iterator<?> other = b.iterator();
        for (Object element : a) {
            if (!same(element, other.next())) {
                return false;
            }
        }
        return true;
    }
}
