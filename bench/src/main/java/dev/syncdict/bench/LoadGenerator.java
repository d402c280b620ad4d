package dev.syncdict.bench;

import dev.syncdict.client.SyncdictClient;
import dev.syncdict.protocol.Field;
import dev.syncdict.protocol.Locations;
import dev.syncdict.protocol.Op;
import dev.syncdict.protocol.Path;
import dev.syncdict.protocol.Request;
import dev.syncdict.protocol.Token;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives a running daemon with {@code incr} from several clients, each pipelining a number of
 * requests, for a number of rounds of fixed length; prints each round's rate and the median.
 * The same shape as {@code redis-benchmark -t incr -c CLIENTS -P PIPELINE}, for side-by-side runs.
 *
 * <pre>java -jar bench/target/syncdict-bench.jar HOST:PORT CLIENTS PIPELINE SECONDS_PER_ROUND ROUNDS</pre>
 */
public final class LoadGenerator {

    private LoadGenerator() {}

    /** HOST:PORT as a socket address. */
    static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    /** The daemon's token, found as the shell finds it (SYNCDICT_TOKEN, then the token file). */
    static Token token() throws IOException {
        return Token.resolve(null, System.getenv(), Locations.of(System.getenv()), false);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: LoadGenerator HOST:PORT CLIENTS PIPELINE SECONDS_PER_ROUND ROUNDS");
            System.exit(2);
        }
        InetSocketAddress target = address(args[0]);
        int clients = Integer.parseInt(args[1]);
        int pipeline = Integer.parseInt(args[2]);
        long roundMillis = Long.parseLong(args[3]) * 1000;
        int rounds = Integer.parseInt(args[4]);
        Token token = token();

        List<Request> batch = Collections.nCopies(pipeline,
                Request.of(Op.INCR).with(Field.PATH, Path.key("bench:counter")).with(Field.BY, BigDecimal.ONE));
        double[] rates = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            AtomicLong done = new AtomicLong();
            long deadline = System.nanoTime() + roundMillis * 1_000_000;
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                Thread thread = new Thread(() -> {
                    try (SyncdictClient client = SyncdictClient.connect(target, token, Duration.ofSeconds(5))) {
                        while (System.nanoTime() < deadline) {
                            client.pipeline(batch);
                            done.addAndGet(pipeline);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                thread.start();
                threads.add(thread);
            }
            long start = System.nanoTime();
            for (Thread thread : threads) {
                thread.join();
            }
            rates[round] = done.get() / ((System.nanoTime() - start) / 1e9);
            System.out.printf("round %d: %.0f incr/s%n", round + 1, rates[round]);
        }
        Arrays.sort(rates);
        System.out.printf("median: %.0f incr/s (clients=%d pipeline=%d)%n", rates[rounds / 2], clients, pipeline);
    }
}
