package dev.syncdict.daemon.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncdict.protocol.Codec;
import dev.syncdict.protocol.Json;
import dev.syncdict.protocol.Path;
import java.math.BigDecimal;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A failure nobody planned for, injected halfway through a tx, leaves the dictionary and its
 * revision exactly as they were, and the next write takes the next revision.
 */
class AllOrNothingTest {

    /** A dictionary whose transactions throw at their {@code failAt}-th change. */
    private static final class FailingTree implements Tree {
        private final Dictionary dictionary = new Dictionary();
        private final Supplier<Throwable> failure;
        private int failAt = Integer.MAX_VALUE;

        FailingTree(Supplier<Throwable> failure) {
            this.failure = failure;
        }

        @Override public long revision() { return dictionary.revision(); }
        @Override public int size() { return dictionary.size(); }
        @Override public Lookup get(Path path) { return dictionary.get(path); }
        @Override public long modRev(Path path) { return dictionary.modRev(path); }
        @Override public boolean holds(Path path, Object json) { return dictionary.holds(path, json); }
        @Override public boolean exists(Path path) { return dictionary.exists(path); }
        @Override public KeysPage keys(Path path, String prefix, String after, int limit) { return dictionary.keys(path, prefix, after, limit); }

        @Override
        public Transaction begin() {
            Transaction real = dictionary.begin();
            return new Transaction() {
                private int changes;

                private void step() {
                    if (++changes == failAt) {
                        throwUnchecked(failure.get());
                    }
                }

                @Override public long rev() { return real.rev(); }
                @Override public boolean changed() { return real.changed(); }
                @Override public void set(Path path, Object json) { real.set(path, json); step(); }
                @Override public void delete(Path path) { real.delete(path); step(); }
                @Override public BigDecimal incr(Path path, BigDecimal by) { BigDecimal sum = real.incr(path, by); step(); return sum; }
                @Override public void load(Path path, Object json, boolean merge) { real.load(path, json, merge); step(); }
                @Override public Commit commit() { return real.commit(); }
                @Override public void rollback() { real.rollback(); }
            };
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void throwUnchecked(Throwable t) throws T {
        throw (T) t;
    }

    @ParameterizedTest
    @ValueSource(strings = {"bug", "out of memory", "stack overflow"})
    void aFailureHalfwayThroughATxLeavesNoTrace(String kind) {
        Supplier<Throwable> failure = switch (kind) {
            case "bug" -> () -> new IllegalStateException("injected");
            case "out of memory" -> () -> new OutOfMemoryError("injected");
            default -> () -> new StackOverflowError("injected");
        };
        FailingTree tree = new FailingTree(failure);
        TreeStore store = new TreeStore(tree);
        store.apply(Codec.decodeRequest("{\"op\":\"load\",\"value\":{\"a\":{\"n\":1},\"l\":[1,2],\"s\":\"x\"}}"));
        String before = Json.write(tree.get(Path.ROOT).value());
        long modRevBefore = tree.modRev(Path.parse("a"));

        tree.failAt = 4;
        assertThatThrownBy(() -> store.apply(Codec.decodeRequest("{\"op\":\"tx\",\"ops\":["
                + "{\"op\":\"incr\",\"path\":\"a.n\",\"by\":5},{\"op\":\"del\",\"path\":\"l[0]\"},"
                + "{\"op\":\"set\",\"path\":\"new.deep\",\"value\":[]},{\"op\":\"load\",\"merge\":true,\"value\":{\"s\":\"y\"}},"
                + "{\"op\":\"set\",\"path\":\"never\",\"value\":1}]}")))
                .hasMessage("injected");

        assertThat(Json.write(tree.get(Path.ROOT).value())).isEqualTo(before);
        assertThat(tree.modRev(Path.parse("a"))).isEqualTo(modRevBefore);
        assertThat(store.revision()).isEqualTo(1);
        tree.failAt = Integer.MAX_VALUE;
        Store.Applied next = store.apply(Codec.decodeRequest("{\"op\":\"set\",\"path\":\"after\",\"value\":true}"));
        assertThat(next.reply().rev()).isEqualTo(2);
        assertThat(next.commit().revision()).isEqualTo(2);
        assertThat(tree.modRev(Path.parse("after"))).isEqualTo(2);
        assertThat(tree.modRev(Path.parse("a"))).isEqualTo(1);
    }
}
