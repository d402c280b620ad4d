package dev.syncdict.shell.bench;

import dev.syncdict.client.SyncdictClient;
import dev.syncdict.protocol.Op;
import dev.syncdict.protocol.Request;
import dev.syncdict.protocol.Token;
import dev.syncdict.shell.Arguments;
import dev.syncdict.shell.ExitCode;
import dev.syncdict.shell.Session;
import dev.syncdict.shell.ShellErrors;
import dev.syncdict.shell.SyncdictCommand;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: a load generator in the spirit of redis-benchmark and memtier that measures
 * syncdictd, or Redis with {@code --redis}, so that one tool measures both sides in one run.
 * This class holds only the options; the work is in {@link Benchmark}, which a one-shot run of any
 * other command never loads.
 */
@Command(name = "bench", sortOptions = false,
        description = {"Measure a server under load: operations per second, latency percentiles (p50, p99, p99.9, max)"
                + " and the CPU time the server and this load generator spend per operation.",
            "Measures syncdictd at the --connect address, or with --redis a Redis server, the same way, so that both can be"
                + " compared in one run. Keys are key:N (get, set) and counter:N (incr) for N below --keys.",
            "",
            "  syncdict bench -c 50 -P 16 -t incr --duration 10s",
            "  syncdict bench --redis 127.0.0.1:6379 -c 50 -t incr,get --json"},
        footerHeading = "%nExit status:%n",
        footer = {"  0  done, and every request succeeded", "  2  usage error", "  3  cannot connect to the server",
            "  4  the server answered some requests with an error (the figures are printed all the same)"})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "-c", paramLabel = "CLIENTS", description = "Connections (default: 50).")
    int clients = 50;

    @Option(names = "-n", paramLabel = "REQUESTS", description = "Requests per test (default: 100000).")
    Long requests;

    @Option(names = "--duration", paramLabel = "DURATION", converter = Arguments.DurationArg.class,
            description = "Run each test this long instead of a number of requests.")
    Duration duration;

    @Option(names = "-P", paramLabel = "PIPELINE",
            description = "Requests each connection sends before it waits for their replies (default: 1).")
    int pipeline = 1;

    @Option(names = "-t", paramLabel = "TESTS", split = ",", converter = Workload.Converter.class,
            description = "Tests to run, in this order: get, set, incr, mixed (9 get to 1 set) (default: set,get,incr).")
    List<Workload> tests = List.of(Workload.SET, Workload.GET, Workload.INCR);

    @Option(names = "--keys", paramLabel = "N", description = "Distinct keys, each request's picked at random (default: 100000).")
    long keys = 100_000;

    @Option(names = "--value-size", paramLabel = "BYTES", description = "Length of the strings set writes (default: 3).")
    int valueSize = 3;

    @Option(names = "--by", paramLabel = "AMOUNT", converter = Arguments.NumberArg.class,
            description = "What incr adds (default: 1); Redis gets INCRBY, or INCRBYFLOAT for a fraction.")
    BigDecimal by = BigDecimal.ONE;

    @Option(names = "--watchers", paramLabel = "N",
            description = "Also hold N connections that watch the whole dictionary, and count their events (syncdictd only).")
    int watchers;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads that drive the connections (default: 1); more only when one cannot keep up.")
    int threads = 1;

    @Option(names = "--warmup", paramLabel = "DURATION", converter = Arguments.DurationOrZeroArg.class,
            description = "Run each test this long, unmeasured, before measuring it, so that the JIT compilers are done (default: 0s).")
    Duration warmup = Duration.ZERO;

    @Option(names = "--no-preload", description = "Do not set every key before the first test that reads (get, mixed).")
    boolean noPreload;

    @Option(names = "--redis", paramLabel = "HOST:PORT",
            description = "Measure the Redis server at HOST:PORT (or at the Unix socket of this absolute path) instead of syncdictd.")
    String redis;

    @Option(names = "--server-pid", paramLabel = "PID",
            description = "The server's process, for its CPU time per operation (default: the pid that syncdictd's info or Redis's"
                    + " INFO reports, when the server runs on this machine).")
    Long serverPid;

    @Option(names = "--json", description = "Print one JSON object instead of the table and histograms.")
    boolean json;

    @Override
    public Integer call() throws IOException, InterruptedException {
        validate();
        Session session = ((SyncdictCommand) spec.root().userObject()).session();
        Duration timeout = rootOption("--timeout");
        Benchmark benchmark = new Benchmark(this, session.io(), timeout.toNanos());
        if (redis != null) {
            SocketAddress address = RespWire.address(redis);
            RespWire wire = new RespWire(address, valueSize, by);
            try {
                long pid = serverPid != null ? serverPid : wire.processId();
                boolean local = serverPid != null || address instanceof UnixDomainSocketAddress
                        || ((InetSocketAddress) address).getAddress().isLoopbackAddress();
                return benchmark.run(wire, redis, pid, local);
            } catch (IOException e) {
                session.printer().error(ShellErrors.UNAVAILABLE, "cannot reach redis at " + redis + ": " + e.getMessage());
                return ExitCode.UNAVAILABLE;
            }
        }
        Object connect = rootOption("--connect");
        if (Boolean.TRUE.equals(rootOption("--tls")) || rootOption("--cacert") != null || rootOption("--cert") != null
                || String.valueOf(connect).startsWith("tls://")) {
            throw usage("measures over plain TCP only, not TLS");
        }
        // The shell's own connection checks the address and token (and starts a local daemon if none runs) and asks the pid.
        SyncdictClient client = session.client();
        long pid = serverPid != null ? serverPid
                : ((Number) ((Map<?, ?>) client.call(Request.of(Op.INFO)).value()).get("pid")).longValue();
        Token token = Token.resolve(rootOption("--token-file"), session.io().env(), session.locations(), false);
        SyncdictWire wire = new SyncdictWire(new InetSocketAddress(session.target().host(), session.target().port()), token,
                timeout, valueSize, by);
        return benchmark.run(wire, session.target().toString(), pid, serverPid != null || session.target().isLocal());
    }

    private void validate() {
        if (requests != null && duration != null) {
            throw usage("give -n or --duration, not both");
        }
        atLeast("-c", clients, 1);
        atLeast("-P", pipeline, 1);
        atLeast("--keys", keys, 1);
        atLeast("--threads", threads, 1);
        atLeast("-n", requests == null ? 1 : requests, 1);
        if (threads > clients) {
            throw usage("--threads (" + threads + ") cannot be more than the clients (-c " + clients + ")");
        }
        atLeast("--value-size", valueSize, 0);
        atLeast("--watchers", watchers, 0);
        if (watchers > 0 && redis != null) {
            throw usage("--watchers needs syncdictd's watch; it cannot be used with --redis");
        }
    }

    /** Refuses a number below what its option can mean, in the words the shell's other number options use. */
    private void atLeast(String option, long value, long least) {
        if (value < least) {
            throw usage(option + ": must be " + least + " or more, not " + value);
        }
    }

    /** A usage error, shown as picocli's are: the command, the fault, where its help is. */
    private CommandLine.ParameterException usage(String fault) {
        return new CommandLine.ParameterException(spec.commandLine(), fault);
    }

    /** A global option's value: bench connects as every command does, but with many connections of its own. */
    @SuppressWarnings("unchecked")
    private <T> T rootOption(String name) {
        return (T) spec.root().findOption(name).getValue();
    }

    boolean json() {
        return json || Boolean.TRUE.equals(rootOption("--json"));
    }
}
