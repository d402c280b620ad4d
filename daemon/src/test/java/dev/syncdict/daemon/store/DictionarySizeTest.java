package dev.syncdict.daemon.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncdict.protocol.Json;
import dev.syncdict.protocol.Path;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The dictionary's own count of its heap, which the memory cap reads: every write moves it by what
 * it built and dropped, a rollback puts it back exactly, and it always equals the count of the same
 * tree made afresh (a thawed copy), however the tree got there.
 */
class DictionarySizeTest {

    private final Dictionary dictionary = new Dictionary(true);

    /** Commits one write and checks the running count against a fresh count of the tree; returns how much it moved. */
    private long commit(Consumer<Dictionary.Write> changes) {
        long before = dictionary.bytes();
        Dictionary.Write write = dictionary.begin();
        changes.accept(write);
        write.commit();
        assertThat(dictionary.bytes()).isEqualTo(countedAfresh());
        return dictionary.bytes() - before;
    }

    private long countedAfresh() {
        return Dictionary.thaw(dictionary.freeze(), dictionary.revision(), false).bytes();
    }

    @Test
    void aValueWrittenReplacedAndDeletedCountsItsTextAndComesBackToWhereItStarted() {
        long empty = dictionary.bytes();
        assertThat(commit(write -> write.set(Path.parse("a"), "x".repeat(1000)))).isBetween(1000L, 1100L);
        long oneKilobyte = dictionary.bytes();
        assertThat(commit(write -> write.set(Path.parse("a"), "y"))).isBetween(-1000L, -900L);
        commit(write -> write.set(Path.parse("a"), new BigDecimal("12345")));
        commit(write -> write.incr(Path.parse("a"), new BigDecimal("1e40")));
        commit(write -> write.set(Path.parse("a"), Json.parse("{\"b\":[1,\"two\",{\"c\":true}],\"d\":null}")));
        commit(write -> write.set(Path.parse("a"), "x".repeat(1000)));
        assertThat(dictionary.bytes()).isEqualTo(oneKilobyte);
        commit(write -> write.delete(Path.parse("a")));
        assertThat(dictionary.bytes()).isEqualTo(empty);
    }

    @Test
    void aStringOfWideCharsCountsTwoBytesAChar() {
        long ascii = commit(write -> write.set(Path.parse("a"), "x".repeat(1000)));
        long wide = commit(write -> write.set(Path.parse("b"), "Ω".repeat(1000)));
        assertThat(wide - ascii).as("a String of 2-byte chars beside its key's own array").isBetween(1000L, 1100L);
        long wideKey = commit(write -> write.set(Path.key("Ω".repeat(500)), "x".repeat(1000)));
        assertThat(wideKey - ascii).isBetween(1000L, 1100L);
    }

    @Test
    void everyKindOfWriteKeepsTheCountAndARollbackPutsItBack() {
        commit(write -> write.load(Path.ROOT, Json.parse("{\"a\":{\"x\":1},\"list\":[\"a\",\"b\"],\"s\":\"é\"}"), false));
        commit(write -> write.load(Path.parse("a"), Json.parse("{\"y\":{\"z\":\"deep\"},\"x\":\"now a string\"}"), true));
        commit(write -> write.set(Path.parse("list[2]"), "appended"));
        commit(write -> write.set(Path.parse("list[0]"), Json.parse("{\"k\":\"v\"}")));
        commit(write -> write.delete(Path.parse("list[1]")));
        commit(write -> write.set(Path.parse("new.path.made"), "on the way"));
        commit(write -> write.incr(Path.parse("counter"), BigDecimal.TEN));
        commit(write -> write.incr(Path.parse("counter"), new BigDecimal("1e30")));
        long committed = dictionary.bytes();
        List<Consumer<Dictionary.Write>> undone = List.of(
                write -> write.set(Path.parse("s"), "ß".repeat(300)),
                write -> write.set(Path.parse("s"), "Ω"),
                write -> write.delete(Path.parse("a")),
                write -> write.load(Path.ROOT, Map.of(), false),
                write -> write.load(Path.ROOT, Json.parse("{\"a\":{\"q\":[1,2,3]}}"), true),
                write -> write.incr(Path.parse("counter"), new BigDecimal("1e60")),
                write -> write.set(Path.parse("list[0]"), "x".repeat(500)));
        for (Consumer<Dictionary.Write> changes : undone) {
            FrozenNode before = dictionary.freeze();
            Dictionary.Write write = dictionary.begin();
            changes.accept(write);
            assertThat(dictionary.bytes()).isEqualTo(countedAfresh()).isNotEqualTo(committed);
            write.rollback();
            assertThat(dictionary.freeze()).isEqualTo(before);
            assertThat(dictionary.bytes()).isEqualTo(committed);
        }
    }

    @Test
    void writesRolledBackAfterTheirCommitGoBackNewestFirst() {
        long empty = dictionary.bytes();
        Dictionary.Write first = dictionary.begin();
        first.set(Path.parse("a"), "one");
        first.commit();
        Dictionary.Write second = dictionary.begin();
        second.set(Path.parse("a"), "x".repeat(100));
        second.set(Path.parse("b"), List.of("a", "b", "c"));
        second.commit();
        second.rollback();
        first.rollback();
        assertThat(dictionary.bytes()).isEqualTo(empty);
        assertThat(dictionary.size()).isZero();
    }

    @Test
    void anArrayWrittenWholeAndDeletedElementByElementCountsBackToWhereItStarted() {
        commit(write -> write.set(Path.parse("list"), List.of()));
        long withEmptyList = dictionary.bytes();
        commit(write -> write.set(Path.parse("list"), List.of("a", "b", "c")));
        for (int i = 2; i >= 0; i--) {
            Path element = Path.parse("list[" + i + "]");
            commit(write -> write.delete(element));
        }
        assertThat(dictionary.bytes()).isEqualTo(withEmptyList);
    }

    @Test
    void anEmptyArrayAndAnEmptyObjectCostWhatTheirObjectsTakeOnTheHeap() {
        long empty = dictionary.bytes();
        commit(write -> write.set(Path.parse("a"), List.of()));
        // A node (32), its share of the root's index and chunks (11), the key's array (24), and an
        // ArrayList with its backing array's header (40): pinned here, as a fresh count uses the same sizes.
        assertThat(dictionary.bytes() - empty).isEqualTo(107);
        commit(write -> write.delete(Path.parse("a")));
        commit(write -> write.set(Path.parse("a"), Json.parse("{}")));
        // The same member, and an object's Members, KeyOrder and their first arrays (128).
        assertThat(dictionary.bytes() - empty).isEqualTo(195);
    }
}
