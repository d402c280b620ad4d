package dev.syncdict.shell.bench;

import dev.syncdict.protocol.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/** Writes a run's figures: a table and a latency histogram per test for people, or one JSON object. */
final class BenchReport {

    private static final int BAR_WIDTH = 40;
    private static final double[] PERCENTILES = {50, 99, 99.9};

    private BenchReport() {}

    static void text(PrintWriter out, Setup setup, List<TestResult> results) {
        Shape shape = setup.shape();
        out.printf("%s at %s%s: %d clients, pipeline %d, %d thread%s, %,d keys, values of %d bytes%s%n",
                setup.server(), setup.address(), setup.serverPid() < 0 ? "" : " (pid " + setup.serverPid() + ")",
                shape.clients(), shape.pipeline(), shape.threads(), shape.threads() == 1 ? "" : "s", setup.keys(), setup.valueSize(),
                setup.watchers() == 0 ? "" : ", " + setup.watchers() + " watchers");
        out.printf("%n%-6s %10s %11s %9s %9s %9s %9s %7s %13s %12s%s%n", "test", "requests", "ops/s", "p50 ms", "p99 ms",
                "p99.9 ms", "max ms", "errors", "server µs/op", "bench µs/op", setup.watchers() == 0 ? "" : "  watch events/s");
        for (TestResult result : results) {
            LoadRun.Outcome outcome = result.outcome();
            Histogram latency = outcome.latency();
            out.printf("%-6s %10d %11.0f %9.3f %9.3f %9.3f %9.3f %7d %13s %12s%s%n", result.workload().label(),
                    outcome.requests(), outcome.opsPerSecond(), millis(latency.getValueAtPercentile(50)),
                    millis(latency.getValueAtPercentile(99)), millis(latency.getValueAtPercentile(99.9)),
                    millis(latency.getMaxValue()), outcome.errors(), micros(result.serverMicrosPerOp()),
                    micros(result.benchMicrosPerOp()),
                    setup.watchers() == 0 ? "" : String.format("  %15.0f", outcome.watchEvents() / (outcome.nanos() / 1e9)));
        }
        for (TestResult result : results) {
            out.printf("%n%s latency%n", result.workload().label());
            histogram(out, result.outcome().latency());
        }
    }

    /** Rows of doubling latency, from the first that holds a reply to the last. */
    static void histogram(PrintWriter out, Histogram latency) {
        List<long[]> rows = new ArrayList<>();
        for (HistogramIterationValue bucket : latency.logarithmicBucketValues(1_000, 2)) {
            rows.add(new long[] {bucket.getValueIteratedTo(), bucket.getCountAddedInThisIterationStep()});
        }
        int first = 0;
        while (first < rows.size() && rows.get(first)[1] == 0) {
            first++;
        }
        long most = rows.stream().mapToLong(row -> row[1]).max().orElse(0);
        for (long[] row : rows.subList(first, rows.size())) {
            double share = 100.0 * row[1] / latency.getTotalCount();
            int bar = (int) Math.round((double) BAR_WIDTH * row[1] / most);
            out.printf("  <= %9.3f ms |%-" + BAR_WIDTH + "s| %5.1f%%%n", millis(row[0]), "#".repeat(bar), share);
        }
    }

    static String json(Setup setup, List<TestResult> results) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("server", setup.server());
        run.put("address", setup.address());
        run.put("server_pid", setup.serverPid() < 0 ? Json.NULL : setup.serverPid());
        run.put("clients", setup.shape().clients());
        run.put("pipeline", setup.shape().pipeline());
        run.put("threads", setup.shape().threads());
        run.put("keys", setup.keys());
        run.put("value_size", setup.valueSize());
        run.put("watchers", setup.watchers());
        List<Object> tests = new ArrayList<>();
        for (TestResult result : results) {
            LoadRun.Outcome outcome = result.outcome();
            Map<String, Object> test = new LinkedHashMap<>();
            test.put("test", result.workload().label());
            test.put("requests", outcome.requests());
            test.put("seconds", round(outcome.nanos() / 1e9));
            test.put("ops_per_sec", round(outcome.opsPerSecond()));
            Map<String, Object> latency = new LinkedHashMap<>();
            for (double percentile : PERCENTILES) {
                latency.put("p" + String.valueOf(percentile).replace(".0", "").replace('.', '_'),
                        round(outcome.latency().getValueAtPercentile(percentile) / 1e3));
            }
            latency.put("max", round(outcome.latency().getMaxValue() / 1e3));
            test.put("latency_us", latency);
            test.put("errors", outcome.errors());
            test.put("server_cpu_us_per_op", orNull(result.serverMicrosPerOp()));
            test.put("bench_cpu_us_per_op", orNull(result.benchMicrosPerOp()));
            test.put("server_rss_bytes", result.serverRssBytes() < 0 ? Json.NULL : result.serverRssBytes());
            if (setup.watchers() > 0) {
                test.put("watch_events", outcome.watchEvents());
            }
            tests.add(test);
        }
        run.put("tests", tests);
        return Json.write(run);
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static String micros(double micros) {
        return micros < 0 ? "-" : String.format("%.2f", micros);
    }

    private static Object orNull(double value) {
        return value < 0 ? Json.NULL : round(value);
    }

    /** Three decimals are more than any of these figures can tell. */
    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
