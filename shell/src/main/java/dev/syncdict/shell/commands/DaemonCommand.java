package dev.syncdict.shell.commands;

import dev.syncdict.client.SyncdictClient;
import dev.syncdict.protocol.Field;
import dev.syncdict.protocol.Op;
import dev.syncdict.protocol.Reply;
import dev.syncdict.protocol.Request;
import dev.syncdict.shell.Arguments;
import dev.syncdict.shell.ExitCode;
import dev.syncdict.shell.OpCommand;
import dev.syncdict.shell.ProcessExit;
import dev.syncdict.shell.Session;
import dev.syncdict.shell.ShellErrors;
import dev.syncdict.shell.SyncdictCommand;
import dev.syncdict.shell.UsageException;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.util.Map;
import java.util.concurrent.Callable;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code daemon start|stop|status|compact|rotate-token}: manages a background daemon on this machine. */
@Command(name = "daemon", description = "Start, stop or check a background syncdictd (log and pid file under $XDG_STATE_HOME/syncdict/).",
        subcommands = {DaemonCommand.Start.class, DaemonCommand.Stop.class, DaemonCommand.Status.class, DaemonCommand.Compact.class,
            DaemonCommand.RotateToken.class})
public final class DaemonCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new UsageException("daemon needs start, stop, status, compact or rotate-token (see: syncdict daemon --help)");
    }

    static Session session(CommandSpec spec) {
        return ((SyncdictCommand) spec.root().userObject()).session();
    }

    /** Starts a daemon in the background unless one already answers. */
    @Command(name = "start", description = "Start syncdictd in the background at the --connect address, unless one runs there.")
    static final class Start implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Session session = session(spec);
            if (!session.target().isLocal()) {
                throw new UsageException("can only start a daemon on this machine, not at " + session.target());
            }
            String ready = session.startDaemon();
            session.io().out().println(ready == null ? "syncdictd is already running at " + session.target() : ready);
            return ExitCode.OK;
        }
    }

    /** Asks the daemon to shut down and waits until its process has gone. */
    @Command(name = "stop", description = "Stop the daemon at the --connect address and wait until it has exited.")
    static final class Stop implements Callable<Integer> {
        private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException, InterruptedException {
            Session session = session(spec);
            SyncdictClient client;
            try {
                client = session.connectExisting();
            } catch (ConnectException e) {
                session.io().out().println("syncdictd is not running at " + session.target());
                return ExitCode.OK;
            }
            Reply info = client.call(Request.of(Op.INFO));
            client.call(Request.of(Op.SHUTDOWN));
            long pid = ((BigDecimal) ((Map<?, ?>) info.value()).get("pid")).longValue();
            if (session.target().isLocal() && !ProcessExit.await(pid, STOP_TIMEOUT)) {
                session.printer().error(ShellErrors.STOP_TIMEOUT, "syncdictd (pid " + pid + ") did not exit within " + STOP_TIMEOUT.toSeconds() + "s");
                return ExitCode.DAEMON_ERROR;
            }
            session.io().out().println("stopped syncdictd at " + session.target() + " (pid " + pid + ")");
            return ExitCode.OK;
        }
    }

    /** Prints the daemon's info, or says it is not running (exit 3). */
    @Command(name = "status", description = "Print the daemon's info; exit 3 when none runs at the --connect address.")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Session session = session(spec);
            try {
                session.printer().value(session.connectExisting().call(Request.of(Op.INFO)).value());
                return ExitCode.OK;
            } catch (ConnectException e) {
                session.printer().error(ShellErrors.UNAVAILABLE, "syncdictd is not running at " + session.target());
                return ExitCode.UNAVAILABLE;
            }
        }
    }

    /** Asks the daemon for a snapshot, after which the log before it is dropped. */
    @Command(name = "compact", description = "Snapshot the dictionary in the background and drop the write-ahead log before it.")
    static final class Compact extends BareOpCommand {
        Compact() {
            super(Op.COMPACT);
        }
    }

    /** Has the daemon write a new token; connections on the old one end after a grace period. */
    @Command(name = "rotate-token", description = {"Write a new random token to the daemon's token file. Connections that"
            + " proved the old one end after the grace period; clients read the new one when they next connect."})
    static final class RotateToken extends OpCommand {
        @Option(names = "--grace", paramLabel = "DURATION", converter = Arguments.DurationOrZeroArg.class,
                description = "How long connections on the old token may go on (default: 10s; 0s: they end at once).")
        Duration grace;

        @Override
        public Request request() {
            return Request.of(Op.ROTATE_TOKEN).with(Field.GRACE_MS, grace == null ? null : Math.max(1, grace.toMillis()));
        }
    }
}
