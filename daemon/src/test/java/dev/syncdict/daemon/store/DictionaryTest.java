package dev.syncdict.daemon.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncdict.protocol.Json;
import dev.syncdict.protocol.Path;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class DictionaryTest {

    private final Dictionary dictionary = new Dictionary();

    private void commit(String path, String json) {
        Dictionary.Write write = dictionary.begin();
        write.set(Path.parse(path), Json.parse(json));
        write.commit();
    }

    private String dump() {
        return Json.write(dictionary.get(Path.ROOT).value());
    }

    @Test
    void rollbackRestoresValuesAndRevisionsExactly() {
        commit("a", "{\"b\":{\"c\":1},\"list\":[1,2,3]}");
        commit("z", "true");
        String before = dump();
        long revA = dictionary.modRev(Path.parse("a"));

        Dictionary.Write write = dictionary.begin();
        write.set(Path.parse("a.b.new.deep"), Json.parse("[]"));
        write.incr(Path.parse("a.b.c"), BigDecimal.TEN);
        write.delete(Path.parse("a.list[0]"));
        write.set(Path.parse("a.list[2]"), Json.parse("9"));
        write.load(Path.ROOT, Json.parse("{\"a\":{\"m\":1},\"q\":2}"), true);
        write.delete(Path.parse("z"));
        write.set(Path.ROOT, Json.parse("{}"));
        assertThat(dump()).isEqualTo("{}");
        write.rollback();

        assertThat(dump()).isEqualTo(before);
        assertThat(dictionary.modRev(Path.parse("a"))).isEqualTo(revA);
        assertThat(dictionary.modRev(Path.parse("a.b.c"))).isEqualTo(1);
        assertThat(dictionary.revision()).isEqualTo(2);
    }

    @Test
    void aWriteStampsItsPathAndAncestorsOnly() {
        commit("a.x", "1");
        commit("a.y", "1");
        commit("b", "1");
        assertThat(dictionary.modRev(Path.parse("a.x"))).isEqualTo(1);
        assertThat(dictionary.modRev(Path.parse("a.y"))).isEqualTo(2);
        assertThat(dictionary.modRev(Path.parse("a"))).isEqualTo(2);
        assertThat(dictionary.modRev(Path.ROOT)).isEqualTo(3);
        assertThat(dictionary.modRev(Path.parse("missing"))).isZero();
    }

    @Test
    void incrKeepsIntegersIntegralAndDecimalsExact() {
        Dictionary.Write write = dictionary.begin();
        assertThat(Json.write(write.incr(Path.parse("n"), new BigDecimal("2")))).isEqualTo("2");
        assertThat(Json.write(write.incr(Path.parse("n"), new BigDecimal("1")))).isEqualTo("3");
        BigDecimal sum = null;
        for (int i = 0; i < 10; i++) {
            sum = write.incr(Path.parse("f"), new BigDecimal("0.1"));
        }
        assertThat(Json.write(sum)).isEqualTo("1.0");
        assertThat(Json.write(write.incr(Path.parse("neg"), new BigDecimal("-0.5")))).isEqualTo("-0.5");
    }

    @Test
    void mergeIsDeepForObjectsAndReplacesEverythingElse() {
        commit(".", "{\"cfg\":{\"port\":1,\"tags\":[1],\"db\":{\"host\":\"h\"}},\"keep\":1}");
        Dictionary.Write write = dictionary.begin();
        write.load(Path.ROOT, Json.parse("{\"cfg\":{\"port\":2,\"tags\":[2],\"db\":{\"user\":\"u\"}}}"), true);
        write.commit();
        assertThat(dump()).isEqualTo("{\"cfg\":{\"db\":{\"host\":\"h\",\"user\":\"u\"},\"port\":2,\"tags\":[2]},\"keep\":1}");
    }

    @Test
    void keysPageThroughSortedKeysByPrefix() {
        commit(".", "{\"user:3\":1,\"user:1\":1,\"user:2\":1,\"other\":1,\"user\":1}");
        assertThat(dictionary.keys(Path.ROOT, "user:", null, 2)).isEqualTo(
                new Dictionary.KeysPage(java.util.List.of("user:1", "user:2"), true));
        assertThat(dictionary.keys(Path.ROOT, "user:", "user:2", 2)).isEqualTo(
                new Dictionary.KeysPage(java.util.List.of("user:3"), false));
        assertThat(dictionary.keys(Path.ROOT, "", null, 10).keys())
                .containsExactly("other", "user", "user:1", "user:2", "user:3");
    }

    @Test
    void theTreeNeverGrowsDeeperThanItsLimit() {
        Path deepest = Path.parse("a" + ".a".repeat(Path.MAX_SEGMENTS - 1));
        String nested = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        commit(deepest.toString(), nested);
        assertThat(Json.depth(dictionary.get(Path.ROOT).value())).isEqualTo(Dictionary.MAX_DEPTH);
        // The parser refuses a value deeper than 128, so build one in Java, as an embedder could.
        Object deeper = Json.parse(nested);
        deeper = java.util.List.of(deeper);
        Object tooDeep = deeper;
        Dictionary.Write write = dictionary.begin();
        assertThatThrownBy(() -> write.set(deepest, tooDeep))
                .isInstanceOf(StoreException.class)
                .hasMessage("the value would nest 257 levels deep in the dictionary; the limit is 256");
        assertThatThrownBy(() -> write.load(deepest.parent(), java.util.Map.of("a", java.util.Map.of("b", tooDeep)), true))
                .isInstanceOf(StoreException.class);
        write.rollback();
    }

    @Test
    void readsIntoTheWrongTypeAreTypeMismatches() {
        commit("s", "\"text\"");
        assertThatThrownBy(() -> dictionary.get(Path.parse("s.x")))
                .hasMessage("s holds a string, not an object");
        assertThatThrownBy(() -> dictionary.get(Path.parse("s[0]")))
                .hasMessage("s holds a string, not an array");
    }
}
