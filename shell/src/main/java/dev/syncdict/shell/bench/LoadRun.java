package dev.syncdict.shell.bench;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * One phase of load (a preload, a warm-up or a measured test): spreads the open connections over
 * the shape's threads, one {@link LoadLoop} each, shows progress while they run, and adds up what
 * they measured. The connections are closed at the end.
 */
final class LoadRun {

    /** What a phase measured. */
    record Outcome(long requests, long nanos, Histogram latency, long errors, long watchEvents) {
        double opsPerSecond() {
            return requests / (nanos / 1e9);
        }
    }

    private LoadRun() {}

    /**
     * Runs the phase over {@code channels} (the load) and {@code watchers} (counted only);
     * {@code requestsOfThread} gives each thread, by its number, the requests it sends.
     */
    static Outcome run(String name, Wire wire, Shape shape, List<SocketChannel> channels, List<SocketChannel> watchers,
            IntFunction<Requests> requestsOfThread, long timeoutNanos, Progress progress) throws IOException, InterruptedException {
        AtomicLong done = new AtomicLong();
        AtomicLong watchEvents = new AtomicLong();
        List<LoadLoop> loops = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        try {
            for (int t = 0; t < shape.threads(); t++) {
                List<SocketChannel> own = new ArrayList<>();
                for (int c = t; c < channels.size(); c += shape.threads()) {
                    own.add(channels.get(c));
                }
                LoadLoop loop = new LoadLoop(wire, own, t == 0 ? watchers : List.of(), requestsOfThread.apply(t),
                        shape.pipeline(), done, watchEvents, timeoutNanos);
                loops.add(loop);
                Thread thread = new Thread(loop, "bench-" + name + "-" + t);
                thread.setDaemon(true);
                threads.add(thread);
            }
            long start = System.nanoTime();
            threads.forEach(Thread::start);
            long lastTick = start;
            long lastDone = 0;
            for (Thread thread : threads) {
                while (!join(thread)) {
                    long now = System.nanoTime();
                    long total = done.get();
                    progress.show(name, total, now - start, total - lastDone, now - lastTick);
                    lastTick = now;
                    lastDone = total;
                }
            }
            long nanos = System.nanoTime() - start;
            progress.clear();
            Histogram latency = new Histogram(1_000, LoadLoop.MAX_LATENCY_NANOS, 3);
            long errors = 0;
            for (LoadLoop loop : loops) {
                if (loop.failure() instanceof IOException) {
                    throw (IOException) loop.failure();
                }
                if (loop.failure() != null) {
                    throw new IllegalStateException(loop.failure());
                }
                latency.add(loop.latency());
                errors += loop.errors();
            }
            return new Outcome(done.get(), nanos, latency, errors, watchEvents.get());
        } finally {
            closeAll(channels);
            closeAll(watchers);
            for (Thread thread : threads) {
                thread.interrupt();
            }
        }
    }

    /** Waits up to a second for the thread to end: the rhythm of the progress line. */
    private static boolean join(Thread thread) throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(1));
        return !thread.isAlive();
    }

    private static void closeAll(List<SocketChannel> channels) {
        for (SocketChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing at the end of a phase: nothing is waiting for this connection any more.
            }
        }
    }
}
