package dev.syncdict.shell;

import dev.syncdict.client.DaemonRefusedException;
import dev.syncdict.client.SyncdictClient;
import dev.syncdict.protocol.Field;
import dev.syncdict.protocol.Reply;
import dev.syncdict.protocol.Request;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;

/**
 * Runs a script's statements with their requests sent ahead of the replies while more of the
 * script is already there, and shows each reply in statement order. A round trip per statement
 * would otherwise bound a script's rate. Without --keep-going the requests form one chain
 * (docs/PROTOCOL.md, "Chains"): the daemon applies nothing after the first that fails, and the
 * run stops there, printing what it would have printed waiting for each reply. With it they are
 * unchained and the run goes on past failures, though not past a daemon that cannot be reached or
 * refuses the connection: nothing after could run. A statement that cannot go ahead (not a daemon
 * request, a repetition, a usage error) first lets those in flight finish, then runs by itself.
 */
final class ScriptRun {

    /** Chain ids, one per run, so that a run never inherits another's failure on a shared connection. */
    private static final AtomicLong CHAINS = new AtomicLong();

    /** One statement in flight: the command that renders its reply, and where it came from ("line 3"). */
    private record InFlight(OpCommand command, String context) {}

    private final Statements statements;
    private final Session session;
    private final boolean keepGoing;
    /** This run's chain, or null under --keep-going. */
    private final BigDecimal chain;
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    private SyncdictClient client;
    private int result = ExitCode.OK;
    private boolean stopped;
    /** Whether the run waited for input since it last sent (the connection is then checked before sending). */
    private boolean waited = true;

    ScriptRun(Statements statements, Session session, boolean keepGoing) {
        this.statements = statements;
        this.session = session;
        this.keepGoing = keepGoing;
        this.chain = keepGoing ? null : BigDecimal.valueOf(CHAINS.incrementAndGet());
    }

    /** Runs a script's statements, numbered with its lines, sending ahead what can go. */
    void queue(List<Tokenizer.Statement> queue) {
        queue(queue, 1);
    }

    /** Runs the statements of a text whose first line is {@code firstLine} (0: errors name no line), sending ahead what can go. */
    void queue(List<Tokenizer.Statement> queue, int firstLine) {
        for (Tokenizer.Statement statement : queue) {
            add(statement.words(), Statements.where(firstLine, statement));
        }
    }

    /** Whether the run has ended: a failure without --keep-going, or the daemon out of reach. */
    boolean stopped() {
        return stopped;
    }

    /**
     * Shows the replies of every statement in flight, for the script waits for input (a co-process
     * reads each result before it sends the next statement) or has ended; returns the exit code so
     * far: the first failure's, or under --keep-going the last's.
     */
    int finish() {
        drain();
        waited = true;
        return result;
    }

    /** Shows the replies of every statement in flight. */
    private void drain() {
        receiveDownTo(0);
        discardSkipped();
        session.printer().context("");
    }

    /** Sends a statement ahead, or runs it by itself once those in flight are answered when it cannot go ahead. */
    private void add(List<String> words, String context) {
        if (stopped) {
            return;
        }
        InFlight ahead = aheadOfTime(words, context);
        Request request = ahead == null ? null : relative(ahead);
        if (request == null) {
            drain();
            if (!stopped) {
                session.backToBack(!waited);
                waited = false;
                session.printer().context(context);
                note(statements.run(words));
            }
            return;
        }
        if (inFlight.size() == SyncdictClient.PIPELINE_WINDOW) {
            // Half the window at a time: each wait for replies then covers many of them.
            receiveDownTo(SyncdictClient.PIPELINE_WINDOW / 2);
            if (stopped) {
                return;
            }
        }
        send(ahead, request);
    }

    /** The request with its paths below the {@code use} base; null when that fails (reported, after those in flight). */
    private Request relative(InFlight statement) {
        try {
            return session.relative(statement.command().request());
        } catch (UsageException e) {
            return null;
        }
    }

    private void send(InFlight statement, Request request) {
        if (inFlight.isEmpty()) {
            // Only a connection with nothing in flight can be checked, and only one that sat idle needs it.
            session.backToBack(!waited);
            try {
                client = session.client();
            } catch (IOException e) {
                session.printer().context(statement.context());
                note(session.unavailable(e));
                return;
            }
        }
        waited = false;
        inFlight.add(statement);
        try {
            client.send(chain == null ? request : request.with(Field.CHAIN, chain));
        } catch (IOException e) {
            lost(e);
        }
    }

    /** Shows replies until no more than {@code left} statements are in flight, written out together. */
    private void receiveDownTo(int left) {
        session.printer().hold();
        try {
            while (inFlight.size() > left && !stopped) {
                receive();
            }
        } finally {
            session.printer().release();
        }
    }

    /** Reads and shows the oldest statement's reply. */
    private void receive() {
        Reply reply;
        try {
            reply = client.next();
        } catch (IOException e) {
            lost(e);
            return;
        }
        InFlight statement = inFlight.poll();
        session.printer().context(statement.context());
        note(session.show(statement.command(), reply));
    }

    /**
     * The connection broke, or the daemon ended it, with statements in flight. Replies the client
     * read before the break (to make room for a send) are shown first, as waiting for them would
     * have; from the first statement whose reply was not read on, nobody knows what ran. The run
     * stops there, even under --keep-going: statements after it must not run as if those had.
     */
    private void lost(IOException e) {
        for (int read = client.readAhead(); read > 0 && !stopped; read--) {
            receive(); // no reading: next() returns what was read ahead
        }
        if (stopped) {
            // A failure shown among them ends the run first; what was sent after it belongs to its chain.
            inFlight.clear();
            session.disconnect();
            return;
        }
        InFlight oldest = inFlight.peek();
        inFlight.clear();
        session.printer().context(oldest.context());
        note(e instanceof DaemonRefusedException ? session.unavailable(e) : session.lost(e, "whether "
                + (oldest.context().isEmpty() ? "the first statement without a reply" : oldest.context())
                + " and the statements sent after it ran is unknown, and nothing after them was sent"));
        stopped = true;
    }

    /** After the chain failed, the daemon answers what was in flight behind it {@code skipped}: read, never shown. */
    private void discardSkipped() {
        try {
            while (!inFlight.isEmpty()) {
                client.next();
                inFlight.poll();
            }
        } catch (IOException e) {
            inFlight.clear();
            session.disconnect();
        }
    }

    private void note(int code) {
        if (code != ExitCode.OK) {
            result = code;
            if (!keepGoing || code == ExitCode.UNAVAILABLE) {
                stopped = true;
            }
        }
    }

    private boolean isInFlight(Object command) {
        for (InFlight statement : inFlight) {
            if (statement.command() == command) {
                return true;
            }
        }
        return false;
    }

    /**
     * A statement that can go ahead of the replies, its request built now: picocli reuses the
     * command object, so its fields hold this statement's arguments only until the next is parsed
     * (the quick parser makes a new one each time). Null when the statement must run by itself;
     * running it then reports any error as usual.
     */
    private InFlight aheadOfTime(List<String> words, String context) {
        OpCommand quick = statements.quick(words);
        try {
            if (quick != null) {
                return new InFlight(quick, context);
            }
            CommandLine command = statements.model().getSubcommands().get(words.get(0));
            if (command == null || !(command.getCommand() instanceof OpCommand) || isInFlight(command.getCommand())) {
                // A command object still waiting to show its reply must not be parsed again (a tx keeps its ops for that).
                return null;
            }
            command.parseArgs(words.subList(1, words.size()).toArray(new String[0]));
            OpCommand op = command.getCommand();
            if (command.isUsageHelpRequested() || command.isVersionHelpRequested() || op.repeats()) {
                return null;
            }
            op.prepare();
            return new InFlight(op, context);
        } catch (RuntimeException usageError) {
            return null;
        }
    }
}
