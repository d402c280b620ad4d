package dev.syncdict.shell;

import dev.syncdict.protocol.Request;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs a script's statements with their requests sent ahead of the replies, then shows each reply
 * in statement order. Only under --keep-going: there no statement waits on an earlier one's
 * outcome, so a round trip per statement, which otherwise bounds a script's rate, is not needed.
 * A statement that cannot go ahead (not a daemon request, a repetition, a usage error) first lets
 * those queued before it finish, then runs as usual. Going on means past failing statements, not
 * past a daemon that cannot be reached or refuses the connection: nothing after could run, so the
 * run stops there ({@link #lostTheDaemon()}).
 */
final class PipelinedRun {

    /** One queued statement: the command that renders the reply, its request, and where it came from. */
    private record Queued(OpCommand command, Request request, String context) {}

    private final Statements statements;
    private final Session session;
    private final List<Queued> queued = new ArrayList<>();
    private int result = ExitCode.OK;

    PipelinedRun(Statements statements, Session session) {
        this.statements = statements;
        this.session = session;
    }

    /** Queues statements of a text whose first line is {@code firstLine} (0: errors name no line). */
    void queue(List<Tokenizer.Statement> queue, int firstLine) {
        for (Tokenizer.Statement statement : queue) {
            add(statement.words(), Statements.where(firstLine, statement));
        }
    }

    /** How many statements wait for {@link #finish()}. */
    int queued() {
        return queued.size();
    }

    /** Whether a statement found the daemon out of reach; later ones are dropped, not tried again one batch at a time. */
    boolean lostTheDaemon() {
        return result == ExitCode.UNAVAILABLE;
    }

    /** Queues a statement, or runs it at once (after the queue) when it cannot be sent ahead. */
    private void add(List<String> words, String context) {
        if (lostTheDaemon()) {
            return;
        }
        Queued ahead = aheadOfTime(words, context);
        if (ahead != null) {
            queued.add(ahead);
            return;
        }
        finish();
        session.printer().context(context);
        note(statements.run(words));
    }

    /** Sends what is queued and shows the replies; returns the last failure's exit code, or 0. */
    int finish() {
        if (lostTheDaemon()) {
            queued.clear();
        } else if (!queued.isEmpty()) {
            List<OpCommand> commands = new ArrayList<>();
            List<Request> requests = new ArrayList<>();
            List<String> contexts = new ArrayList<>();
            for (Queued statement : queued) {
                commands.add(statement.command());
                requests.add(statement.request());
                contexts.add(statement.context());
            }
            queued.clear();
            for (int code : session.executeAll(commands, requests, contexts)) {
                note(code);
            }
        }
        session.printer().context("");
        return result;
    }

    private void note(int code) {
        if (code != ExitCode.OK) {
            result = code;
        }
    }

    /**
     * A statement that can go ahead of the replies, its request built now: picocli reuses the
     * command object, so its fields hold this statement's arguments only until the next is parsed
     * (the quick parser makes a new one each time). Null when the statement must run by itself;
     * running it then reports any error as usual.
     */
    private Queued aheadOfTime(List<String> words, String context) {
        OpCommand quick = statements.quick(words);
        try {
            if (quick != null) {
                return new Queued(quick, quick.request(), context);
            }
            CommandLine command = statements.model().getSubcommands().get(words.get(0));
            if (command == null || !(command.getCommand() instanceof OpCommand)) {
                return null;
            }
            command.parseArgs(words.subList(1, words.size()).toArray(new String[0]));
            OpCommand op = command.getCommand();
            if (command.isUsageHelpRequested() || command.isVersionHelpRequested() || op.repeats()) {
                return null;
            }
            op.prepare();
            return new Queued(op, op.request(), context);
        } catch (RuntimeException usageError) {
            return null;
        }
    }
}
