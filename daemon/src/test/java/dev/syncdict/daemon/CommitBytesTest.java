package dev.syncdict.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncdict.daemon.store.Change;
import dev.syncdict.daemon.store.Commit;
import dev.syncdict.protocol.Json;
import dev.syncdict.protocol.Path;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The watch history's encoding: every kind of change, path and JSON value comes back exactly, scale and key order included. */
class CommitBytesTest {

    private static Commit roundTrip(Commit commit) {
        CommitBytes writer = new CommitBytes();
        assertThat(writer.write(commit, Integer.MAX_VALUE)).isTrue();
        return CommitBytes.read(commit.revision(), Arrays.copyOf(writer.bytes(), writer.size()));
    }

    @Test
    void everyKindOfChangeAndPathComesBack() {
        Commit commit = new Commit(42, List.of(
                new Change(Change.Kind.SET, Path.parse("a.b[3].c"), "new", "old"),
                new Change(Change.Kind.DELETE, Path.key("gone"), null, BigDecimal.TEN),
                new Change(Change.Kind.INCR, Path.key("n"), new BigDecimal("8"), new BigDecimal("7")),
                new Change(Change.Kind.LOAD, Path.ROOT, Json.parse("{\"x\":1}"), null)));
        assertThat(roundTrip(commit)).isEqualTo(commit);
    }

    @Test
    void everyJsonValueComesBackWithItsScaleAndOrder() {
        Object value = Json.parse("{\"z\":null,\"a\":[true,false,0,-1,9223372036854775807,-9223372036854775808,"
                + "123456789012345678901234567890,1.0,1,-0.001,1E+400,2.5e-300,\"\",\"caf\u00e9 \uD83D\uDE00\"],"
                + "\"nested\":{\"deeper\":{\"k\":[[],{}]}}}");
        Commit commit = new Commit(1, List.of(new Change(Change.Kind.SET, Path.key("\u00e9t\u00e9"), value, value)));
        Commit back = roundTrip(commit);
        assertThat(back).isEqualTo(commit);
        // Equal maps may differ in order; the text shows the members in the order they came.
        assertThat(Json.write(back.changes().get(0).value())).isEqualTo(Json.write(value));
    }

    @Test
    void aSmallIntegerTakesAFewBytes() {
        CommitBytes writer = new CommitBytes();
        assertThat(writer.write(new Commit(7, List.of(new Change(Change.Kind.INCR, Path.key("key:12345"), BigDecimal.valueOf(300),
                BigDecimal.valueOf(299)))), 100)).isTrue();
        // count 1, kind 1, path length 1, key tag 1, key 1+9, value 1+2, old value 1+2.
        assertThat(writer.size()).isEqualTo(20);
    }

    @Test
    void aCommitPastTheLimitStopsAndTheNextIsWrittenWhole() {
        CommitBytes writer = new CommitBytes();
        Commit large = new Commit(1, List.of(new Change(Change.Kind.SET, Path.key("k"), "x".repeat(100_000), null)));
        assertThat(writer.write(large, 1000)).isFalse();
        assertThat(writer.write(large, 200_000)).isTrue();
        Commit small = new Commit(2, List.of(new Change(Change.Kind.SET, Path.key("k"), "y", "x")));
        assertThat(writer.write(small, 200_000)).isTrue();
        assertThat(CommitBytes.read(2, Arrays.copyOf(writer.bytes(), writer.size()))).isEqualTo(small);
    }
}
