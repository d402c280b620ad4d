package dev.syncdict.daemon.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncdict.protocol.ErrorCode;
import dev.syncdict.protocol.Json;
import dev.syncdict.protocol.Limits;
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
    void aWholeNumberChangedInPlaceComesBackWhenItsWriteIsUndone() {
        commit("n", "41");
        Dictionary.Write write = dictionary.begin();
        assertThat(write.incr(Path.parse("n"), BigDecimal.ONE)).isEqualTo(new BigDecimal("42"));
        assertThat(write.incr(Path.parse("n"), new BigDecimal("0.5"))).isEqualTo(new BigDecimal("42.5"));
        write.rollback();
        assertThat(dictionary.get(Path.parse("n")).value()).isEqualTo(new BigDecimal("41"));
        Dictionary.Write again = dictionary.begin();
        // Past 18 digits the sum is kept as a decimal again, exact.
        again.incr(Path.parse("n"), new BigDecimal("999999999999999999"));
        again.commit();
        assertThat(Json.write(dictionary.get(Path.parse("n")).value())).isEqualTo("1000000000000000040");
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
                new Dictionary.KeysPage(java.util.List.of("user:1", "user:2"), java.util.List.of("number", "number"), true));
        assertThat(dictionary.keys(Path.ROOT, "user:", "user:2", 2)).isEqualTo(
                new Dictionary.KeysPage(java.util.List.of("user:3"), java.util.List.of("number"), false));
        assertThat(dictionary.keys(Path.ROOT, "", null, 10).keys())
                .containsExactly("other", "user", "user:1", "user:2", "user:3");
    }

    @Test
    void theTreeNeverGrowsDeeperThanItsLimit() {
        Path halfway = Path.parse("a" + ".a".repeat(Limits.DEPTH / 2 - 1));
        String nested = "[".repeat(Limits.DEPTH / 2) + "]".repeat(Limits.DEPTH / 2);
        commit(halfway.toString(), nested);
        assertThat(Json.depth(dictionary.get(Path.ROOT).value())).isEqualTo(Limits.DEPTH);
        Dictionary.Write write = dictionary.begin();
        assertThatThrownBy(() -> write.set(halfway, Json.parse("[" + nested + "]")))
                .isInstanceOf(StoreException.class)
                .hasMessage("the value would nest 129 levels deep in the dictionary; the limit is 128")
                .satisfies(e -> assertThat(((StoreException) e).code()).isEqualTo(ErrorCode.TOO_DEEP));
        assertThatThrownBy(() -> write.load(halfway.parent(), java.util.Map.of("a", java.util.Map.of("b", Json.parse(nested))), true))
                .isInstanceOf(StoreException.class);
        write.rollback();
    }

    @Test
    void aSumPastTheNumberLimitsIsRefusedAndChangesNothing() {
        commit("big", "1e500");
        Dictionary.Write write = dictionary.begin();
        assertThatThrownBy(() -> write.incr(Path.parse("big"), new BigDecimal("1e-500")))
                .isInstanceOf(StoreException.class)
                .satisfies(e -> assertThat(((StoreException) e).code()).isEqualTo(ErrorCode.OUT_OF_RANGE));
        write.rollback();
        assertThat(dump()).isEqualTo("{\"big\":1E+500}");
    }

    @Test
    void aCommitRecordsEveryChangeInOrderWithOldValuesWhenKept() {
        Dictionary keeping = new Dictionary(true);
        Dictionary.Write first = keeping.begin();
        first.set(Path.parse("cfg"), Json.parse("{\"port\":1,\"host\":\"h\"}"));
        first.incr(Path.parse("n"), BigDecimal.ONE);
        assertThat(first.commit()).isEqualTo(new Commit(1, java.util.List.of(
                new Change(Change.Kind.SET, Path.parse("cfg"), Json.parse("{\"port\":1,\"host\":\"h\"}"), null),
                new Change(Change.Kind.INCR, Path.parse("n"), BigDecimal.ONE, null))));
        Dictionary.Write second = keeping.begin();
        second.incr(Path.parse("n"), BigDecimal.ONE);
        second.load(Path.parse("cfg"), Json.parse("{\"port\":2}"), true);
        second.delete(Path.parse("cfg.host"));
        Commit commit = second.commit();
        assertThat(commit.revision()).isEqualTo(2);
        assertThat(commit.changes()).containsExactly(
                new Change(Change.Kind.INCR, Path.parse("n"), new BigDecimal("2"), BigDecimal.ONE),
                new Change(Change.Kind.LOAD, Path.parse("cfg.port"), BigDecimal.valueOf(2), BigDecimal.ONE),
                new Change(Change.Kind.DELETE, Path.parse("cfg.host"), null, "h"));
        Dictionary.Write plain = dictionary.begin();
        plain.set(Path.parse("x"), BigDecimal.ONE);
        plain.set(Path.parse("x"), BigDecimal.TEN);
        assertThat(plain.commit().changes()).extracting(Change::oldValue).containsOnlyNulls();
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
