package dev.syncdict.bench;

import dev.syncdict.client.SyncdictClient;
import dev.syncdict.client.Watch;
import dev.syncdict.protocol.Event;
import dev.syncdict.protocol.Field;
import dev.syncdict.protocol.Op;
import dev.syncdict.protocol.Path;
import dev.syncdict.protocol.Reply;
import dev.syncdict.protocol.Request;
import dev.syncdict.protocol.Token;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Measures write-to-event latency, the time from sending a write to a watcher receiving its
 * change, for syncdictd's {@code watch} and Redis keyspace notifications side by side in one run.
 *
 * <p>One writer writes a sequence number to one key, one write at a time (each waits for its
 * reply), and N watchers of that key note when each event arrives. A syncdict event carries the
 * value, so it names its write. A Redis notification carries no value; Redis delivers a
 * subscriber's messages in order and nothing else writes the key, so a subscriber's k-th
 * notification is the k-th SET. Configurations are interleaved (syncdict 1, redis 1, syncdict 50,
 * redis 50, then again) so that background load falls on both alike.
 *
 * <pre>java -cp bench/target/syncdict-bench.jar dev.syncdict.bench.WatchLatency SYNCDICT_HOST:PORT REDIS_HOST:PORT [WRITES [WARMUP [ROUNDS]]]</pre>
 */
public final class WatchLatency {

    private static final String KEY = "bench:watch";
    private static final int[] WATCHERS = {1, 50};
    /** A watcher that hears nothing for this long has missed events: it stops and the shortfall is reported. */
    private static final int QUIET_MILLIS = 10_000;
    private static final int SETTLE_MILLIS = 2_000;

    private WatchLatency() {}

    /** One subscribed watcher connection: the sequence number of each event, in arrival order; -1 after QUIET_MILLIS of silence. */
    private interface Watcher extends AutoCloseable {
        long next() throws IOException;

        @Override
        void close() throws IOException;
    }

    /** The writer's connection: writes one sequence number and waits for the reply. */
    private interface Writer extends AutoCloseable {
        void write(long seq) throws IOException;

        @Override
        void close() throws IOException;
    }

    private interface Opener<T> {
        T open() throws IOException;
    }

    /** One configuration's figures, in microseconds; {@code received} events of the {@code expected}. */
    private record Result(double median, double p99, double max, long received, long expected) {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 5) {
            System.err.println("usage: WatchLatency SYNCDICT_HOST:PORT REDIS_HOST:PORT [WRITES [WARMUP [ROUNDS]]]");
            System.exit(2);
        }
        InetSocketAddress syncdict = Targets.address(args[0]);
        InetSocketAddress redis = Targets.address(args[1]);
        int writes = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 2_000;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        Token token = Targets.token();
        try (Resp config = new Resp(redis, QUIET_MILLIS)) {
            // K: keyspace channel (__keyspace@0__:KEY), A: every event class, so SET notifies.
            config.call("CONFIG", "SET", "notify-keyspace-events", "KA");
        }

        // One unrecorded pass of every configuration first, as long as a measured one: the first
        // round would otherwise also pay for the JIT of the daemon and of this JVM, which a
        // long-running daemon has long done.
        for (int n : WATCHERS) {
            measure(() -> syncdictWatcher(syncdict, token), syncdictWriter(syncdict, token), n, warmup + writes, 0);
            measure(() -> redisWatcher(redis), redisWriter(redis), n, warmup + writes, 0);
        }
        // results[system][configuration][round]; system 0 is syncdict, 1 is redis.
        Result[][][] results = new Result[2][WATCHERS.length][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int c = 0; c < WATCHERS.length; c++) {
                int n = WATCHERS[c];
                results[0][c][round] = measure(() -> syncdictWatcher(syncdict, token), syncdictWriter(syncdict, token), n, warmup, writes);
                print("round " + (round + 1) + "  syncdict", n, results[0][c][round]);
                results[1][c][round] = measure(() -> redisWatcher(redis), redisWriter(redis), n, warmup, writes);
                print("round " + (round + 1) + "  redis   ", n, results[1][c][round]);
            }
        }

        System.out.printf("%nmedians of %d rounds of %,d writes each (each after %,d warm-up writes, all after a warm-up pass); latencies in microseconds%n%n", rounds, writes, warmup);
        System.out.println("| watchers | syncdict median | redis median | median ratio | syncdict p99 | redis p99 | p99 ratio | syncdict max | redis max | events received (syncdict, redis) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (int c = 0; c < WATCHERS.length; c++) {
            Result[] s = results[0][c];
            Result[] r = results[1][c];
            double sMedian = median(s, Result::median), rMedian = median(r, Result::median);
            double sP99 = median(s, Result::p99), rP99 = median(r, Result::p99);
            System.out.printf("| %d | %.1f | %.1f | %.2f | %.1f | %.1f | %.2f | %.0f | %.0f | %s, %s |%n", WATCHERS[c],
                    sMedian, rMedian, sMedian / rMedian, sP99, rP99, sP99 / rP99,
                    max(s), max(r), received(s), received(r));
        }
    }

    /**
     * Opens {@code watchers} watchers, writes {@code warmup + writes} sequence numbers, and returns
     * the latencies of the last {@code writes} over every watcher. The warm-up lets both ends settle
     * (JIT, connection buffers) before anything is counted.
     */
    private static Result measure(Opener<Watcher> opener, Writer writer, int watchers, int warmup, int writes) throws Exception {
        // Both servers share CPU 0: let the JIT and GC work the last configuration left behind (in
        // the daemon's JVM and this one) finish before this one starts, not land in its figures.
        Thread.sleep(SETTLE_MILLIS);
        int total = warmup + writes;
        long[] sent = new long[total];
        // 0 marks "not received": System.nanoTime() landing on exactly 0 is not a concern.
        long[][] received = new long[watchers][total];
        List<Watcher> opened = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        try (writer) {
            // Every watcher is subscribed before the first write, so each should see all of them.
            for (int w = 0; w < watchers; w++) {
                opened.add(opener.open());
            }
            for (int w = 0; w < watchers; w++) {
                Watcher watcher = opened.get(w);
                long[] times = received[w];
                Thread thread = new Thread(() -> {
                    try {
                        for (int got = 0; got < total; got++) {
                            long seq = watcher.next();
                            long now = System.nanoTime();
                            if (seq < 0) {
                                return;
                            }
                            times[(int) seq] = now;
                        }
                    } catch (IOException e) {
                        System.err.println("watcher failed: " + e);
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (int seq = 0; seq < total; seq++) {
                sent[seq] = System.nanoTime();
                writer.write(seq);
            }
            for (Thread thread : threads) {
                thread.join();
            }
        } finally {
            for (Watcher watcher : opened) {
                watcher.close();
            }
        }

        long[] latencies = new long[watchers * writes];
        int count = 0;
        for (long[] times : received) {
            for (int seq = warmup; seq < total; seq++) {
                if (times[seq] != 0) {
                    latencies[count++] = times[seq] - sent[seq];
                }
            }
        }
        latencies = Arrays.copyOf(latencies, count);
        Arrays.sort(latencies);
        if (count == 0) {
            return new Result(Double.NaN, Double.NaN, Double.NaN, 0, (long) watchers * writes);
        }
        return new Result(latencies[(count - 1) / 2] / 1e3, latencies[(int) Math.ceil(count * 0.99) - 1] / 1e3,
                latencies[count - 1] / 1e3, count, (long) watchers * writes);
    }

    private static Watcher syncdictWatcher(InetSocketAddress address, Token token) throws IOException {
        SyncdictClient client = SyncdictClient.connect(address, token, SyncdictClient.DEFAULT_TIMEOUT);
        Watch watch = client.watch(Path.key(KEY), null, false);
        return new Watcher() {
            @Override
            public long next() throws IOException {
                Event event = watch.next(Duration.ofMillis(QUIET_MILLIS));
                if (event == null) {
                    return -1;
                }
                if (event.isError()) {
                    throw new IOException("watch ended: " + event.error().message());
                }
                // One set per commit, so one change per event, carrying the sequence number written.
                return ((BigDecimal) event.changes().get(0).value()).longValueExact();
            }

            @Override
            public void close() throws IOException {
                client.close();
            }
        };
    }

    private static Writer syncdictWriter(InetSocketAddress address, Token token) throws IOException {
        SyncdictClient client = SyncdictClient.connect(address, token, SyncdictClient.DEFAULT_TIMEOUT);
        Path path = Path.key(KEY);
        return new Writer() {
            @Override
            public void write(long seq) throws IOException {
                Reply reply = client.call(Request.of(Op.SET).with(Field.PATH, path).with(Field.VALUE, BigDecimal.valueOf(seq)));
                if (reply.isError()) {
                    throw new IOException("set failed: " + reply.error().message());
                }
            }

            @Override
            public void close() throws IOException {
                client.close();
            }
        };
    }

    private static Watcher redisWatcher(InetSocketAddress address) throws IOException {
        Resp resp = new Resp(address, QUIET_MILLIS);
        resp.call("SUBSCRIBE", "__keyspace@0__:" + KEY); // returns once subscribed
        return new Watcher() {
            private long count;

            @Override
            public long next() throws IOException {
                try {
                    resp.read(); // ["message", channel, "set"]: no value, so the k-th message is the k-th SET
                    return count++;
                } catch (SocketTimeoutException quiet) {
                    return -1;
                }
            }

            @Override
            public void close() throws IOException {
                resp.close();
            }
        };
    }

    private static Writer redisWriter(InetSocketAddress address) throws IOException {
        Resp resp = new Resp(address, QUIET_MILLIS);
        return new Writer() {
            @Override
            public void write(long seq) throws IOException {
                resp.call("SET", KEY, Long.toString(seq));
            }

            @Override
            public void close() throws IOException {
                resp.close();
            }
        };
    }

    private static void print(String label, int watchers, Result result) {
        System.out.printf("%s %2d watcher(s): median %8.1f us  p99 %8.1f us  max %9.1f us  events %,d/%,d%n",
                label, watchers, result.median(), result.p99(), result.max(), result.received(), result.expected());
    }

    private static double median(Result[] rounds, ToDoubleFunction<Result> figure) {
        double[] values = Arrays.stream(rounds).mapToDouble(figure).sorted().toArray();
        return values[(values.length - 1) / 2];
    }

    private static double max(Result[] rounds) {
        return Arrays.stream(rounds).mapToDouble(Result::max).max().orElse(Double.NaN);
    }

    /** "all N" when nothing was missed, else "received/expected". */
    private static String received(Result[] rounds) {
        long got = Arrays.stream(rounds).mapToLong(Result::received).sum();
        long expected = Arrays.stream(rounds).mapToLong(Result::expected).sum();
        return got == expected ? String.format("all %,d", got) : String.format("%,d of %,d", got, expected);
    }
}
