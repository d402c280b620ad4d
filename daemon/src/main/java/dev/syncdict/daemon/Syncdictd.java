package dev.syncdict.daemon;

import dev.syncdict.daemon.wal.FsyncPolicy;
import dev.syncdict.daemon.wal.LogOptions;
import dev.syncdict.daemon.wal.PersistenceException;
import dev.syncdict.protocol.Limits;
import dev.syncdict.protocol.Locations;
import dev.syncdict.protocol.Token;
import dev.syncdict.protocol.Version;
import dev.syncdict.protocol.WholeNumbers;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code syncdictd} command: runs a daemon in the foreground until a signal or a shutdown request. */
@Command(name = "syncdictd", mixinStandardHelpOptions = true, versionProvider = Syncdictd.VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Serves one shared dictionary of JSON values over newline-delimited JSON on TCP.",
            "",
            "Runs in the foreground (for systemd and containers); 'syncdict daemon start' runs one in the background.",
            "Every client must prove it knows the token (HMAC challenge; the token never crosses the wire).",
            "",
            "Persistence: every write is appended to a write-ahead log in the data folder before it is acknowledged,"
                    + " and a restart recovers it; snapshots keep the log short.",
            "With --fsync always, every acknowledged write survives even a power loss. --in-memory keeps nothing.",
            "Back up with 'syncdict dump > backup.json'; restore with 'syncdict load backup.json'.",
        },
        footer = {"", "Exit status: 0 after a clean shutdown, 1 when the daemon cannot start, 2 on a usage error.", "",
            "Environment: SYNCDICTD_JAVA_OPTS, JVM flags the installed launcher adds after its own, so they win"
                    + " (-Xmx2g to bound the heap); SYNCDICT_TOKEN, XDG_CONFIG_HOME and XDG_DATA_HOME, as above."})
public final class Syncdictd implements Callable<Integer> {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    /** The environment, injected so that tests do not depend on the machine's. */
    private final Map<String, String> env;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on (default: ${DEFAULT-VALUE}). "
            + "Any non-loopback address needs TLS (--tls-cert and --tls-key), or --insecure-remote.")
    private String bind = DaemonConfig.DEFAULT_BIND;

    @Option(names = "--port", paramLabel = "PORT", description = "TCP port (default: ${DEFAULT-VALUE}); 0 picks a free port.")
    private int port = DaemonConfig.DEFAULT_PORT;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Read the token from FILE instead of $SYNCDICT_TOKEN"
            + " or the default file ($XDG_CONFIG_HOME/syncdict/token, created with mode 0600 when missing).")
    private Path tokenFile;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Keep the log and snapshots in DIR"
            + " (default: $XDG_DATA_HOME/syncdict, else ~/.local/share/syncdict). One daemon per folder.")
    private Path dataDir;

    @Option(names = "--fsync", paramLabel = "WHEN", converter = FsyncConverter.class, description = "When appends reach the disk: always (before each reply;"
            + " one fsync per group of waiting writes), everysec (once a second: a power loss costs at most about a second)"
            + " or no (when the OS decides). Default: ${DEFAULT-VALUE}.")
    private FsyncPolicy fsync = FsyncPolicy.EVERYSEC;

    @Option(names = "--compact-at", paramLabel = "BYTES", description = "Take a snapshot and drop the log before it once the log"
            + " has grown past BYTES and past the last snapshot's size (default: ${DEFAULT-VALUE}).")
    private long compactBytes = LogOptions.DEFAULT_COMPACT_BYTES;

    @Option(names = "--salvage", description = "Start even when a log record in the middle is damaged, keeping every record"
            + " before it (the rest is set aside as *.corrupt). Without it such a start fails, naming the file and offset.")
    private boolean salvage;

    @Option(names = "--in-memory", description = "Keep the dictionary in memory only: no log, no data folder, nothing survives a stop.")
    private boolean inMemory;

    @Option(names = "--max-line", paramLabel = "BYTES", description = "Longest request line accepted (default and most:"
            + " ${DEFAULT-VALUE}, so that every value written can be read back).")
    private int maxLine = Limits.REQUEST_LINE_BYTES;

    @Option(names = "--max-connections", paramLabel = "N", description = "Most connections served at once; past it,"
            + " too_many_connections (default: ${DEFAULT-VALUE}).")
    private int maxConnections = ConnectionLimits.DEFAULT_TOTAL;

    @Option(names = "--max-connections-per-address", paramLabel = "N", description = "Most connections from one peer address"
            + " (every local process shares 127.0.0.1); past it, too_many_from_address (default: ${DEFAULT-VALUE}).")
    private int maxPerAddress = ConnectionLimits.DEFAULT_PER_ADDRESS;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", description = "Close a connection that sent no request for SECONDS"
            + " and has no watch open, with idle_timeout; 0 never does (default: ${DEFAULT-VALUE}).")
    private long idleSeconds;

    @Option(names = "--max-in-flight", paramLabel = "N", description = "Most requests one connection may have unanswered;"
            + " each past it gets too_many_in_flight and is not applied (default: ${DEFAULT-VALUE}).")
    private int maxInFlight = ConnectionLimits.DEFAULT_IN_FLIGHT;

    @Option(names = "--max-memory", paramLabel = "BYTES", description = "Refuse writes that could grow the dictionary"
            + " (out_of_memory) once it takes about BYTES of heap; deletes and reads go on (default: half the heap).")
    private Long maxMemory;

    @Option(names = "--max-waiting-replies", paramLabel = "BYTES", description = "Once every connection's unread replies"
            + " together pass BYTES, a connection with more than 64 KiB of its own waiting is answered no further until it reads"
            + " (default: a quarter of the heap).")
    private Long maxWaitingReplies;

    @Option(names = "--pid-file", paramLabel = "FILE", description = "Write the daemon's pid to FILE while it runs.")
    private Path pidFile;

    @Option(names = "--insecure-remote", description = "Allow listening on a non-loopback address without TLS.")
    private boolean insecureRemote;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "Serve TLS with this certificate chain (PEM); needs --tls-key.")
    private Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "The private key of --tls-cert (PEM, PKCS#8, unencrypted).")
    private Path tlsKey;

    @Option(names = "--tls-client-ca", paramLabel = "FILE", description = "Mutual TLS: accept only clients whose certificate"
            + " these CA certificates (PEM) signed.")
    private Path tlsClientCa;

    private static final Logger LOG = Logger.getLogger(Syncdictd.class.getName());

    /** Set once the stop is logged: a signal and the end of {@link #call()} may both get there. */
    private final AtomicBoolean stopLogged = new AtomicBoolean();
    private final long startNanos = System.nanoTime();

    public Syncdictd(Map<String, String> env) {
        this.env = env;
    }

    public static void main(String[] args) {
        DaemonLog.install();
        System.exit(commandLine(System.getenv()).execute(args));
    }

    /**
     * The command line, whose usage errors are one line naming the fault and where help is, as
     * the shell's are: the whole help after it would push the fault off a terminal's screen.
     */
    static CommandLine commandLine(Map<String, String> env) {
        CommandLine cli = new CommandLine(new Syncdictd(env));
        // Numbers in ASCII digits only, as the shell's: picocli's own converters take other scripts' digits.
        CommandLine.ITypeConverter<Integer> whole = text -> wholeNumber(text, WholeNumbers::parseInt);
        CommandLine.ITypeConverter<Long> wholeLong = text -> wholeNumber(text, WholeNumbers::parseLong);
        cli.registerConverter(Integer.class, whole).registerConverter(int.class, whole)
                .registerConverter(Long.class, wholeLong).registerConverter(long.class, wholeLong);
        cli.setParameterExceptionHandler((fault, args) -> {
            PrintWriter err = fault.getCommandLine().getErr();
            err.println("syncdictd: " + fault.getMessage() + " (see: syncdictd --help)");
            err.flush();
            return CommandLine.ExitCode.USAGE;
        });
        return cli;
    }

    private static <N> N wholeNumber(String text, java.util.function.Function<String, N> parse) {
        try {
            return parse.apply(text);
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is " + (WholeNumbers.isWritten(text) ? "too large" : "not a whole number"));
        }
    }

    /** Refuses a number outside what its flag can mean, naming the flag and the value, as a usage error. */
    private void inRange(String flag, long value, long min, long max) {
        if (value < min || value > max) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    flag + " must be " + (max == Long.MAX_VALUE ? "at least " + min : min + " to " + max) + ", not " + value);
        }
    }

    private void atLeast(String flag, long value, long min) {
        inRange(flag, value, min, Long.MAX_VALUE);
    }

    private ConnectionLimits connectionLimits() {
        return ConnectionLimits.DEFAULTS.withTotal(maxConnections).withPerAddress(maxPerAddress)
                .withIdleTimeout(Duration.ofSeconds(idleSeconds)).withInFlight(maxInFlight);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if ((tlsCert == null) != (tlsKey == null) || (tlsClientCa != null && tlsCert == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "TLS needs both --tls-cert and --tls-key (and --tls-client-ca only with them)");
        }
        if (!isLoopback(bind) && !insecureRemote && tlsCert == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "refusing to listen on " + bind
                    + " without TLS: the link would be readable by anyone on the network; give --tls-cert and --tls-key,"
                    + " or add --insecure-remote to do it anyway");
        }
        // Every number is checked before anything is written (the token file is created below).
        inRange("--max-line", maxLine, 1, Limits.REQUEST_LINE_BYTES);
        inRange("--port", port, 0, 65_535);
        atLeast("--max-connections", maxConnections, 1);
        atLeast("--max-connections-per-address", maxPerAddress, 1);
        atLeast("--max-in-flight", maxInFlight, 1);
        inRange("--idle-timeout", idleSeconds, 0, Duration.ofDays(365).toSeconds());
        atLeast("--compact-at", compactBytes, 1);
        if (maxMemory != null) {
            atLeast("--max-memory", maxMemory, 1);
        }
        if (maxWaitingReplies != null) {
            atLeast("--max-waiting-replies", maxWaitingReplies, 1);
        }
        Locations locations = Locations.of(env);
        // The file the token is actually read from is the one checked, whatever else is set.
        Path used = Token.fileUsed(tokenFile, env, locations);
        if (used != null && Files.exists(used) && Token.isExposed(used)) {
            err.println("syncdictd: token file " + used + " is readable by other users; run: chmod 600 " + used);
            return 1;
        }
        Token token = Token.resolve(tokenFile, env, locations, true);
        Path data = dataDir != null ? dataDir : locations.dataDir();
        LogOptions log = inMemory ? null : LogOptions.of(data, fsync).withSalvage(salvage).withCompactBytes(compactBytes);
        DaemonConfig config = DaemonConfig.defaults(token).withBind(bind).withPort(port)
                .withMaxLineBytes(maxLine).withConnections(connectionLimits()).withLog(log).withTokenFile(used)
                .withTls(tlsCert == null ? null : new DaemonConfig.Tls(tlsCert, tlsKey, tlsClientCa));
        if (maxMemory != null) {
            config = config.withMaxMemory(maxMemory);
        }
        if (maxWaitingReplies != null) {
            config = config.withOutboxTotal(maxWaitingReplies);
        }
        Daemon daemon;
        try {
            daemon = Daemon.start(config);
        } catch (PersistenceException e) {
            err.println("syncdictd: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException unusableTls) {
            err.println("syncdictd: " + unusableTls.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("syncdictd: cannot listen on " + bind + ":" + port + ": " + e.getMessage());
            return 1;
        }
        if (pidFile != null) {
            Files.createDirectories(pidFile.toAbsolutePath().getParent());
            Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // After a shutdown request the daemon is already closed and this only confirms it.
            if (!stopLogged.get()) {
                LOG.info("stopping: received a signal (SIGTERM, SIGINT or SIGHUP)");
            }
            daemon.close();
            deletePidFile();
            logStopped();
        }, "syncdictd-signal"));
        LOG.info("started syncdictd " + Version.VERSION + " (pid " + ProcessHandle.current().pid() + ", Java "
                + System.getProperty("java.runtime.version") + ") listening on " + bind + ":" + daemon.port()
                + (tlsCert == null ? "" : " with TLS") + "; persistence: "
                + (inMemory ? "none, the dictionary lives in memory and is lost when the daemon stops"
                        : "write-ahead log in " + data + ", fsync " + fsync));
        // The one line on stdout: whoever started the daemon reads it to learn the port.
        PrintWriter out = spec.commandLine().getOut();
        out.println("syncdictd " + Version.VERSION + " listening on " + bind + ":" + daemon.port() + (tlsCert == null ? "" : " (TLS)")
                + (inMemory ? " (in memory)" : " (data in " + data + ", fsync " + fsync + ")"));
        out.flush();
        daemon.awaitClosed();
        deletePidFile();
        logStopped();
        return 0;
    }

    private void logStopped() {
        if (stopLogged.compareAndSet(false, true)) {
            LOG.info(String.format("stopped after %.1f s", (System.nanoTime() - startNanos) / 1e9));
        }
    }

    private void deletePidFile() {
        try {
            if (pidFile != null) {
                Files.deleteIfExists(pidFile);
            }
        } catch (IOException e) {
            // Leaving a stale pid file behind is harmless: status asks the daemon itself.
        }
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Reads --fsync by the names users type (always, everysec, no). */
    static final class FsyncConverter implements CommandLine.ITypeConverter<FsyncPolicy> {
        @Override
        public FsyncPolicy convert(String value) {
            for (FsyncPolicy policy : FsyncPolicy.values()) {
                if (policy.optionName().equals(value)) {
                    return policy;
                }
            }
            throw new CommandLine.TypeConversionException("expected always, everysec or no, not '" + value + "'");
        }
    }

    /** Reports the build's version and the Java runtime, which decides how fast the command starts. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return Version.describe("syncdictd");
        }
    }
}
