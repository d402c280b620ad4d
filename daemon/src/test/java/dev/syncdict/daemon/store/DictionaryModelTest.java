package dev.syncdict.daemon.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncdict.protocol.Json;
import dev.syncdict.protocol.Path;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dictionary against a reference model, a plain nested {@code TreeMap}: random sets, deletes
 * and incrs one and two levels deep, committed or rolled back, must leave the same JSON, list the
 * same pages of keys and commit each change with the model's old value; every rolled-back write
 * must leave the tree, mod_revs included, exactly as it was; and the dictionary's running count of
 * its heap must always equal a fresh count of the same tree.
 */
class DictionaryModelTest {

    /**
     * Short keys, ones of 254 to 256 bytes (the longest that shares its array with a string value
     * is 255), and one too long to share.
     */
    private static final String[] NAMES = {"k", "key:", "é", "Ω", "\uD83D\uDE00", "k".repeat(253), "long:".repeat(52)};
    /** String values that pack into their key's array and ones that do not. */
    private static final String[] STRINGS = {"v", "", "ÿ", "Ω", "long ".repeat(60)};

    /**
     * Amounts to incr by: whole ones a node keeps as a long in place, a fraction that turns the sum
     * into a decimal, and one of 18 digits that soon takes the sum past what a long is kept for.
     */
    private static final BigDecimal[] AMOUNTS = {BigDecimal.ONE, new BigDecimal("-3"), new BigDecimal("0.5"),
            new BigDecimal("999999999999999999")};

    private final Dictionary dictionary = new Dictionary(true);
    /** The old value (as JSON text, null for none) each change of the write under way must carry. */
    private final List<String> expectedOldValues = new ArrayList<>();
    private TreeMap<String, Object> model = new TreeMap<>();

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void matchesTheModel(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int step = 0; step < 6000; step++) {
            FrozenNode before = dictionary.freeze();
            TreeMap<String, Object> next = copy(model);
            Dictionary.Write write = dictionary.begin();
            expectedOldValues.clear();
            boolean refused = false;
            for (int op = 1 + random.nextInt(3); op > 0 && !refused; op--) {
                refused = !apply(write, next, random);
            }
            if (refused || random.nextInt(5) == 0) {
                write.rollback();
                assertThat(dictionary.freeze()).isEqualTo(before);
                assertCountIsFresh();
            } else {
                List<String> oldValues = new ArrayList<>();
                for (Change change : write.commit().changes()) {
                    oldValues.add(text(change.oldValue()));
                }
                assertThat(oldValues).isEqualTo(expectedOldValues);
                model = next;
            }
            if (step % 50 == 0) {
                // A fresh count copies the whole tree: every step's would triple the test's time.
                assertCountIsFresh();
            }
            assertThat(Json.write(dictionary.get(Path.ROOT).value())).isEqualTo(Json.write(model));
            String prefix = random.nextBoolean() ? "" : name(random).substring(0, 1);
            String after = random.nextBoolean() ? null : name(random);
            int limit = 1 + random.nextInt(40);
            assertThat(dictionary.keys(Path.ROOT, prefix, after, limit).keys()).isEqualTo(page(prefix, after, limit));
        }
        assertThat(Dictionary.thaw(dictionary.freeze(), dictionary.revision(), false).freeze()).isEqualTo(dictionary.freeze());
        assertCountIsFresh();
    }

    private void assertCountIsFresh() {
        assertThat(dictionary.bytes()).isEqualTo(Dictionary.thaw(dictionary.freeze(), dictionary.revision(), false).bytes());
    }

    /** One random op on both sides; false when the dictionary refused it (the model then says it must). */
    private boolean apply(Dictionary.Write write, TreeMap<String, Object> next, SplittableRandom random) {
        String top = name(random);
        String inner = random.nextInt(3) == 0 ? name(random) : null;
        Path path = inner == null ? Path.key(top) : Path.key(top).resolve(Path.key(inner));
        Object current = next.get(top);
        boolean reachable = inner == null || current == null || current instanceof Map;
        @SuppressWarnings("unchecked")
        Map<String, Object> parent = inner == null ? next : reachable ? (Map<String, Object>) current : null;
        String key = inner == null ? top : inner;
        Object old = parent == null ? null : parent.get(key);
        int kind = random.nextInt(3);
        boolean refusable = !reachable || kind == 1 && old == null || kind == 2 && old != null && !(old instanceof BigDecimal);
        try {
            if (kind == 0) {
                Object value = random.nextBoolean() ? STRINGS[random.nextInt(STRINGS.length)] + (random.nextBoolean() ? random.nextInt(100) : "")
                        : Json.parse("{\"x\":" + random.nextInt(9) + "}");
                write.set(path, value);
                containerOf(next, top, inner).put(key, copy(value));
            } else if (kind == 1) {
                write.delete(path);
                parent.remove(key);
            } else {
                BigDecimal by = AMOUNTS[random.nextInt(AMOUNTS.length)];
                BigDecimal sum = write.incr(path, by);
                assertThat(sum).isEqualTo(old == null ? by : ((BigDecimal) old).add(by));
                containerOf(next, top, inner).put(key, sum);
            }
            assertThat(refusable).as("%s of %s accepted", kind, path).isFalse();
            expectedOldValues.add(text(old));
            return true;
        } catch (StoreException refused) {
            assertThat(refusable).as("%s of %s refused: %s", kind, path, refused.getMessage()).isTrue();
            return false;
        }
    }

    /** A value as JSON text, or null for none. */
    private static String text(Object json) {
        return json == null ? null : Json.write(json);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> containerOf(TreeMap<String, Object> root, String top, String inner) {
        return inner == null ? root : (Map<String, Object>) root.computeIfAbsent(top, missing -> new TreeMap<String, Object>());
    }

    private List<Object> page(String prefix, String after, int limit) {
        boolean startAfter = after != null && after.compareTo(prefix) >= 0;
        List<Object> keys = new ArrayList<>();
        for (String key : (startAfter ? model.tailMap(after, false) : model.tailMap(prefix, true)).keySet()) {
            if (!key.startsWith(prefix) || keys.size() == limit) {
                break;
            }
            keys.add(key);
        }
        return keys;
    }

    private static String name(SplittableRandom random) {
        return NAMES[random.nextInt(NAMES.length)] + random.nextInt(150);
    }

    @SuppressWarnings("unchecked")
    private static <T> T copy(T json) {
        if (json instanceof Map) {
            TreeMap<String, Object> copy = new TreeMap<>();
            ((Map<String, Object>) json).forEach((key, value) -> copy.put(key, copy(value)));
            return (T) copy;
        }
        return json;
    }
}
