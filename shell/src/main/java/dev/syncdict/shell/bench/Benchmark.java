package dev.syncdict.shell.bench;

import dev.syncdict.shell.ExitCode;
import dev.syncdict.shell.ShellIo;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * Runs the tests that {@code syncdict bench} was asked for against one server: preloads the keys
 * when a test reads them, warms up, measures each test with the server's and its own CPU time
 * around it, and reports.
 */
final class Benchmark {

    /** Requests in flight per connection while preloading: deep enough that the preload takes little time. */
    private static final int PRELOAD_PIPELINE = 64;
    private static final long DEFAULT_REQUESTS = 100_000;

    private final BenchCommand options;
    private final ShellIo io;
    private final long timeoutNanos;
    private final Shape shape;
    private final Progress progress;

    Benchmark(BenchCommand options, ShellIo io, long timeoutNanos) {
        this.options = options;
        this.io = io;
        this.timeoutNanos = timeoutNanos;
        this.shape = new Shape(options.clients, options.pipeline, options.threads);
        // Live progress is for a person watching: on a terminal, and never into JSON a program reads.
        this.progress = new Progress(io.stdoutIsTerminal() && !options.json() ? io.err() : null);
    }

    /** Runs every test; {@code local} says whether the server's process can be read here. */
    int run(Wire wire, String address, long serverPid, boolean local) throws IOException, InterruptedException {
        ProcessStats server = new ProcessStats(serverPid);
        if (!local || !server.readable()) {
            server = null;
        }
        ProcessStats self = ProcessStats.self();
        List<TestResult> results = new ArrayList<>();
        boolean preloaded = options.noPreload;
        for (Workload workload : options.tests) {
            if (workload.reads() && !preloaded) {
                preload(wire);
                preloaded = true;
            }
            if (!options.warmup.isZero()) {
                phase(workload.label() + " warm-up", wire, shape, false,
                        thread -> Requests.lasting(workload, options.keys, options.warmup, seed()));
            }
            long serverBefore = server == null ? 0 : server.cpuNanos();
            long selfBefore = self.cpuNanos();
            LoadRun.Outcome outcome = phase(workload.label(), wire, shape, true, requestsOf(workload));
            long serverCpu = server == null ? -1 : server.cpuNanos() - serverBefore;
            long rss = server == null ? -1 : server.memoryBytes("VmRSS");
            results.add(new TestResult(workload, outcome, serverCpu, self.cpuNanos() - selfBefore, rss));
        }
        Setup setup = new Setup(wire.server(), address, serverPid, shape, options.keys, options.valueSize, options.watchers);
        if (options.json()) {
            io.out().println(BenchReport.json(setup, results));
        } else {
            BenchReport.text(io.out(), setup, results);
        }
        io.out().flush();
        long errors = results.stream().mapToLong(result -> result.outcome().errors()).sum();
        if (errors > 0) {
            io.err().println("bench: " + wire.server() + " answered " + errors + " requests with an error");
            return ExitCode.DAEMON_ERROR;
        }
        return ExitCode.OK;
    }

    /** The measured requests of each thread: its share of -n, or until --duration has passed. */
    private IntFunction<Requests> requestsOf(Workload workload) {
        if (options.duration != null) {
            return thread -> Requests.lasting(workload, options.keys, options.duration, seed());
        }
        long total = options.requests == null ? DEFAULT_REQUESTS : options.requests;
        return thread -> Requests.counted(workload, options.keys, share(total, thread), seed());
    }

    /** Sets every key once, in order, each thread its own range, so that reads find them. */
    private void preload(Wire wire) throws IOException, InterruptedException {
        Shape preloading = new Shape(shape.clients(), PRELOAD_PIPELINE, shape.threads());
        long keys = options.keys;
        phase("preload", wire, preloading, false, thread -> {
            long from = keys / shape.threads() * thread;
            return Requests.preload(from, thread == shape.threads() - 1 ? keys : from + keys / shape.threads());
        });
    }

    /** The part of {@code total} that thread number {@code thread} sends. */
    private long share(long total, int thread) {
        return total / shape.threads() + (thread < total % shape.threads() ? 1 : 0);
    }

    private static long seed() {
        return ThreadLocalRandom.current().nextLong();
    }

    private LoadRun.Outcome phase(String name, Wire wire, Shape phaseShape, boolean measured, IntFunction<Requests> requests)
            throws IOException, InterruptedException {
        List<SocketChannel> channels = new ArrayList<>();
        List<SocketChannel> watching = new ArrayList<>();
        try {
            for (int c = 0; c < phaseShape.clients(); c++) {
                channels.add(wire.open());
            }
            for (int w = 0; measured && w < options.watchers; w++) {
                watching.add(((SyncdictWire) wire).openWatcher());
            }
        } catch (IOException | RuntimeException e) {
            for (SocketChannel channel : channels) {
                channel.close();
            }
            for (SocketChannel channel : watching) {
                channel.close();
            }
            throw e;
        }
        return LoadRun.run(name, wire, phaseShape, channels, watching, requests, timeoutNanos, progress);
    }
}
