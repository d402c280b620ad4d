package dev.syncdict.shell;

import dev.syncdict.client.DaemonRefusedException;
import dev.syncdict.client.SyncdictClient;
import dev.syncdict.protocol.Field;
import dev.syncdict.protocol.Locations;
import dev.syncdict.protocol.Op;
import dev.syncdict.protocol.Path;
import dev.syncdict.protocol.Reply;
import dev.syncdict.protocol.Request;
import dev.syncdict.protocol.Token;
import dev.syncdict.shell.complete.KeySource;
import java.io.IOException;
import java.net.UnknownHostException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;

/**
 * One run of the shell: where the daemon is, how to prove the token, the printer, and the
 * connection, opened on first use and kept for every later statement of a script or REPL. When the
 * daemon is local and nothing answers, the session starts one (unless autostart is off).
 */
public final class Session implements AutoCloseable {


    private final ShellIo io;
    private final Locations locations;
    private Target target;
    /** Where relative paths start ({@code use PATH}); the root unless the REPL moved it. */
    private Path base = Path.ROOT;
    private final java.nio.file.Path tokenFile;
    private final boolean autostart;
    private final Duration timeout;
    /** TLS to the daemon, or null for plain TCP. */
    private final TlsOptions tls;
    private final JsonPrinter printer;
    /** Volatile: a Ctrl+C in the REPL closes it from the signal thread. */
    private volatile SyncdictClient client;
    /** Live keys for completion, on a connection of their own. */
    private final LiveKeys keys = new LiveKeys(this);
    /** Keys for completion, from the daemon this session talks to, below its {@code use} base. */
    public KeySource keys() {
        return keys;
    }

    /** Whether the last attempt to reach the daemon failed. */
    private boolean failed;

    /** Whether the next command follows the last with no wait for input ({@link #backToBack(boolean)}). */
    private boolean backToBack;

    public Session(ShellIo io, Target target, java.nio.file.Path tokenFile, boolean autostart, Duration timeout,
            TlsOptions tls, JsonPrinter printer) {
        this.io = io;
        this.locations = Locations.of(io.env());
        this.target = target;
        this.tokenFile = tokenFile;
        this.autostart = autostart;
        this.timeout = timeout;
        this.tls = tls;
        this.printer = printer;
    }

    public JsonPrinter printer() {
        return printer;
    }

    public ShellIo io() {
        return io;
    }

    public Target target() {
        return target;
    }

    public Locations locations() {
        return locations;
    }

    /** Where relative paths start. */
    public Path base() {
        return base;
    }

    /** Moves the base for relative paths ({@code use}). */
    public void use(Path newBase) {
        base = newBase;
    }

    /** Whether the last connection failed or the daemon has closed it (the REPL's prompt says so). */
    public boolean disconnected() {
        SyncdictClient open = client;
        return open == null ? failed : !open.isOpen();
    }

    /** Talks to another daemon from the next command on ({@code connect HOST:PORT}). */
    public void switchTo(Target newTarget) {
        closeQuietly();
        keys.close();
        target = newTarget;
        base = Path.ROOT;
    }

    /** Runs a command once, or as its {@code every}/{@code times} say; Ctrl+C ends a loop with 0. */
    int run(OpCommand command, Repetition repetition) {
        if (!repetition.repeats()) {
            return execute(command, false);
        }
        Cadence cadence = new Cadence(repetition.every == null ? 0 : repetition.every.toNanos(), System.nanoTime());
        try (CtrlC trap = new CtrlC(Thread.currentThread())) {
            for (long i = 0; repetition.times == null || i < repetition.times; i++) {
                long wait = cadence.waitBeforeNextRun(System.nanoTime());
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                int code = execute(command, true);
                if (Thread.interrupted()) {
                    endedByCtrlC();
                    return code;
                }
                // An error, or the reader of our output gone (`incr n every 1s | head -3`), ends the loop.
                if (code != ExitCode.OK || printer.closed()) {
                    return code;
                }
            }
        } catch (InterruptedException ctrlC) {
            endedByCtrlC();
            return ExitCode.OK;
        }
        return ExitCode.OK;
    }

    /**
     * Ctrl+C ended a loop or a watch: on a terminal, ends the line the terminal echoed {@code ^C}
     * on, as bash does, so what comes next starts a line of its own; nothing on a pipe.
     */
    void endedByCtrlC() {
        if (io.stdoutIsTerminal()) {
            printer.endLine();
        }
    }

    /** Sends a command's request and shows the reply (stamped, in a loop) or the error; returns the exit code. */
    private int execute(OpCommand command, boolean stamped) {
        Request request;
        SyncdictClient open;
        try {
            request = relative(command.request());
            open = client();
        } catch (UsageException e) {
            printer.error(ShellErrors.USAGE, e.getMessage());
            return ExitCode.USAGE;
        } catch (IOException e) {
            return unavailable(e);
        }
        Reply reply;
        try {
            reply = open.call(request);
        } catch (IOException e) {
            return e instanceof DaemonRefusedException ? unavailable(e) : lost(e, "whether the command ran is unknown");
        }
        return show(command, reply, stamped);
    }

    /** Shows a reply or its error; returns the exit code. */
    int show(OpCommand command, Reply reply) {
        return show(command, reply, false);
    }

    /** Shows a reply (stamped with its revision, in a loop) or its error; returns the exit code. */
    private int show(OpCommand command, Reply reply, boolean stamped) {
        if (reply.isError()) {
            printer.error(reply.error().code().wireName(), reply.error().message());
            return ExitCode.of(reply.error().code());
        }
        if (stamped) {
            printer.stamp(reply.rev());
        }
        command.render(reply, printer);
        return ExitCode.OK;
    }

    /**
     * Reports a connection that broke with requests in flight, and drops it. Connections are checked
     * before sending, so what was sent may have run: it is never sent again by itself.
     * {@code outcome} says what is unknown: "whether the command ran is unknown", or for a script
     * from which line on.
     */
    int lost(IOException e, String outcome) {
        closeQuietly();
        failed = true;
        printer.error(ShellErrors.LOST, "lost the daemon at " + target + ": " + e.getMessage() + "; " + outcome);
        return ExitCode.UNAVAILABLE;
    }

    /** The request with its paths taken below the {@code use} base. */
    Request relative(Request request) {
        if (base.isRoot()) {
            return request;
        }
        if (request.op() == Op.TX) {
            return request.with(Field.OPS, request.ops().stream().map(this::relative).toList());
        }
        return request.op().accepts(Field.PATH) ? request.with(Field.PATH, base.resolve(request.has(Field.PATH) ? request.path() : Path.ROOT)) : request;
    }

    /**
     * Reports a connection failure and drops the connection, so the next statement reconnects.
     * A refusal exits as its error code says (a line too long is the daemon's answer, not a lost
     * connection); everything else is exit 3.
     */
    public int unavailable(IOException e) {
        closeQuietly();
        failed = true;
        if (e instanceof DaemonRefusedException) {
            Reply.Error error = ((DaemonRefusedException) e).error();
            printer.error(error.code().wireName(), "the daemon at " + target + " refused: " + error.message());
            return ExitCode.of(error.code());
        } else if (e instanceof SocketTimeoutException) {
            printer.error(ShellErrors.UNAVAILABLE, "syncdictd at " + target + " did not answer within " + timeout.toMillis() + " ms"
                    + " (a longer wait: --timeout)");
        } else if (e instanceof SSLException) {
            printer.error(ShellErrors.UNAVAILABLE, "TLS with syncdictd at " + target + " failed: " + e.getMessage()
                    + " (its certificate must be signed by a CA you trust, --cacert, and name " + target.host() + ")");
        } else if (e instanceof UnknownHostException) {
            printer.error(ShellErrors.UNAVAILABLE, "cannot resolve the host " + target.host() + ": check the name in --connect or $" + Target.ENV);
        } else if (e instanceof ConnectException) {
            printer.error(ShellErrors.UNAVAILABLE, "cannot connect to syncdictd at " + target + ": " + e.getMessage()
                    + (autostart ? "" : " (start one with: syncdict daemon start)"));
        } else if (e instanceof DaemonStartException) {
            printer.error(ShellErrors.UNAVAILABLE, "cannot start a daemon at " + target + ": " + e.getMessage());
        } else if (e instanceof NoSuchFileException) {
            printer.error(ShellErrors.UNAVAILABLE, "no token file " + e.getMessage() + ": the daemon creates it on its first start;"
                    + " a remote daemon's token goes in --token-file or $" + Token.ENV);
        } else {
            printer.error(ShellErrors.UNAVAILABLE, "cannot reach the daemon at " + target + ": " + e.getMessage());
        }
        return ExitCode.UNAVAILABLE;
    }

    /**
     * Says whether the next command follows the one before it with no wait for input in between: a
     * script's next statement, not a line typed at the REPL or sent by a co-process after reading
     * the last answer. Its connection is then not checked before sending ({@link #client()}): the
     * check waits a millisecond, most of a script statement's time, and is there for a daemon that
     * stopped while the connection sat idle; between back-to-back statements it could as well
     * close just after any check. Holds for the next command only.
     */
    void backToBack(boolean noWait) {
        backToBack = noWait;
    }

    /**
     * The open connection, connecting (and auto-starting a local daemon) on first use, and again
     * when the daemon closed the last one (it stopped or restarted): checked before anything is
     * sent, unless the command came {@linkplain #backToBack(boolean) back to back}, so a command is never
     * sent twice.
     */
    public SyncdictClient client() throws IOException {
        boolean check = !backToBack;
        backToBack = false;
        if (client != null && check && !client.isOpen()) {
            closeQuietly();
        }
        if (client == null) {
            client = connect(autostart);
            failed = false;
        }
        return client;
    }

    /** Connects without starting a daemon; a ConnectException means nothing listens. */
    public SyncdictClient connectExisting() throws IOException {
        if (client == null) {
            client = connect(false);
        }
        return client;
    }

    /** Connects; when nothing listens and {@code mayStart}, starts a daemon first if the target is local. */
    private SyncdictClient connect(boolean mayStart) throws IOException {
        try {
            return open(timeout);
        } catch (ConnectException | NoSuchFileException nothingThere) {
            // With no daemon there may be no token file yet either: only a look at the port tells
            // "not running" from "no token", and it is needed only now that connecting failed.
            if (DaemonLauncher.listening(target)) {
                throw nothingThere;
            }
            if (!mayStart || !target.isLocal()) {
                throw new ConnectException("nothing listens there");
            }
        }
        String ready = startDaemon();
        if (ready != null) {
            printer.note("started " + ready.replace(" listening on ", " at ") + "; log: " + locations.logFile());
        }
        return open(timeout);
    }

    /** Opens and authenticates a new connection to the target, waiting at most {@code timeout} for each step. */
    SyncdictClient open(Duration timeout) throws IOException {
        Token token = Token.resolve(tokenFile, io.env(), locations, false);
        InetSocketAddress address = new InetSocketAddress(target.host(), target.port());
        if (address.isUnresolved()) {
            throw new UnknownHostException(target.host());
        }
        return SyncdictClient.connect(address, token, timeout, tls == null ? null : tls.context());
    }

    /** Starts a local daemon at the target unless one answers; returns its ready line, or null if one was running. */
    public String startDaemon() throws IOException {
        DaemonLauncher.Outcome outcome = new DaemonLauncher(io.env(), locations).ensureRunning(target, tokenFile);
        return outcome.started() ? outcome.readyLine() : null;
    }

    /**
     * Abandons the request in flight, if any, by closing the connection under it: the blocked call
     * fails at once and the next command connects again. For a Ctrl+C in the interactive shell.
     */
    public void abort() {
        SyncdictClient open = client;
        if (open != null) {
            try {
                open.close();
            } catch (IOException ignored) {
                // Closing is all we wanted.
            }
        }
    }

    /** Drops the connection without a word; the next command connects again. */
    public void disconnect() {
        closeQuietly();
    }

    private void closeQuietly() {
        if (client != null) {
            try {
                client.close();
            } catch (IOException ignored) {
                // Already broken; nothing more to do.
            }
            client = null;
        }
    }

    @Override
    public void close() {
        closeQuietly();
        keys.close();
    }
}
