package dev.syncdict.bench.micro;

import dev.syncdict.protocol.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Parsing a path, which every request with a path pays once: a bare key, a nested one, a quoted one. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PathBenchmark {

    @Param({"counter:12345", "cfg.servers[2].port", ".\"odd.key\".x"})
    public String text;

    @Benchmark
    public Path parse() {
        return Path.parse(text);
    }
}
