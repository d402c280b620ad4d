package dev.syncdict.bench.micro;

import dev.syncdict.daemon.store.Dictionary;
import dev.syncdict.daemon.store.Store;
import dev.syncdict.daemon.store.TreeStore;
import dev.syncdict.protocol.Field;
import dev.syncdict.protocol.Op;
import dev.syncdict.protocol.Path;
import dev.syncdict.protocol.Request;
import java.math.BigDecimal;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The daemon's store applying get, set and incr to random existing top-level keys of a dictionary
 * of {@code keys} keys (each holding a number), as its owner thread does (each request settled, as
 * a batch would be): the cost a single-key request adds beyond decoding and replying, and whether
 * it grows with the size. {@code setText} sets short strings, as {@code syncdict bench}'s set
 * does (the store keeps such a string in its key's array).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StoreBenchmark {

    /** Requests are made ahead of time, so that the measurement is the store's alone. */
    private static final int PREPARED = 1 << 14;

    @Param({"1000", "100000", "1000000", "10000000"})
    public int keys;

    private Store store;
    private final Request[] gets = new Request[PREPARED];
    private final Request[] sets = new Request[PREPARED];
    private final Request[] textSets = new Request[PREPARED];
    private final Request[] incrs = new Request[PREPARED];
    private int next;

    @Setup(Level.Trial)
    public void fill() {
        store = new TreeStore(new Dictionary());
        for (int key = 0; key < keys; key++) {
            store.apply(Request.of(Op.SET).with(Field.PATH, Path.key("key:" + key)).with(Field.VALUE, BigDecimal.ZERO));
            store.settle();
        }
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < PREPARED; i++) {
            Path path = Path.key("key:" + random.nextInt(keys));
            gets[i] = Request.of(Op.GET).with(Field.PATH, path);
            sets[i] = Request.of(Op.SET).with(Field.PATH, path).with(Field.VALUE, BigDecimal.TEN);
            textSets[i] = Request.of(Op.SET).with(Field.PATH, path).with(Field.VALUE, "x" + (char) ('a' + i % 26) + "z");
            incrs[i] = Request.of(Op.INCR).with(Field.PATH, path).with(Field.BY, BigDecimal.ONE);
        }
    }

    private Store.Applied apply(Request[] requests) {
        Store.Applied applied = store.apply(requests[next++ & (PREPARED - 1)]);
        store.settle();
        return applied;
    }

    @Benchmark
    public Store.Applied get() {
        return apply(gets);
    }

    @Benchmark
    public Store.Applied set() {
        return apply(sets);
    }

    @Benchmark
    public Store.Applied setText() {
        return apply(textSets);
    }

    @Benchmark
    public Store.Applied incr() {
        return apply(incrs);
    }
}
