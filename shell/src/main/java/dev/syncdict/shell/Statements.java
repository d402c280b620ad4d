package dev.syncdict.shell;

import dev.syncdict.shell.complete.Completer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs statements (from {@code -c}, a file, standard input or the REPL) through the same picocli
 * commands as a one-shot invocation. A script stops at the first failing statement with its exit
 * code, unless told to keep going.
 */
public final class Statements {

    private final SyncdictCommand shell;
    private final Session session;
    private final boolean keepGoing;

    Statements(SyncdictCommand shell, Session session, boolean keepGoing) {
        this.shell = shell;
        this.session = session;
        this.keepGoing = keepGoing;
    }

    /**
     * picocli's model of every command, built on first use: a script whose statements the quick
     * parser reads never needs it, and building it costs more than the JVM's own start.
     */
    CommandLine model() {
        return shell.model();
    }

    public Session session() {
        return session;
    }

    /** Turns the command model into the REPL's: its own help, use, connect, clear and exit. */
    public void enterRepl(ReplVerbs.Screen screen) {
        ReplVerbs.install(model(), screen);
    }

    /** What the command being typed still takes, for a hint beside the line (empty when nothing fits). */
    public String hint(String lineUpToCursor) {
        return HelpLayout.hint(model().getCommandSpec(), Tokenizer.partial(lineUpToCursor));
    }

    /** Completion over the current command model, with keys from this session's daemon. */
    public Completer completer() {
        return new Completer(model().getCommandSpec(), session.keys());
    }

    /** Runs a whole text ({@code -c}, a line typed at the REPL); errors name no line. */
    public int runText(String text) {
        return runStatements(text, 0);
    }

    /** Runs a script read line by line, so that a generator can pipe commands in as it goes. */
    int runStream(InputStream in) throws IOException {
        return runScript(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    }

    /** Runs a script file's text, its errors naming their lines. */
    int runFile(String text) throws IOException {
        return runScript(new BufferedReader(new StringReader(text)));
    }

    /**
     * Runs a script line by line: statements go to the daemon ahead of their replies while more
     * input is already there, and every reply is shown before the script waits for more, so a
     * co-process that sends a statement and reads its result gets it at once ({@link ScriptRun}).
     */
    private int runScript(BufferedReader reader) throws IOException {
        ScriptRun run = new ScriptRun(this, session, keepGoing);
        int lineNumber = 0;
        StringBuilder pending = new StringBuilder();
        int pendingStart = 1;
        // Stopped is checked before reading on: a co-process that got the failure must not wait for one more line.
        for (String line; !run.stopped() && (line = reader.readLine()) != null; ) {
            lineNumber++;
            if (pending.length() == 0) {
                pendingStart = lineNumber;
            }
            pending.append(line).append('\n');
            List<Tokenizer.Statement> statements = complete(pending);
            if (statements != null) {
                pending.setLength(0);
                run.queue(statements, pendingStart);
            }
            if (!reader.ready()) {
                run.finish();
            }
        }
        int result = run.finish();
        if (pending.length() > 0 && !run.stopped()) {
            result = runStatements(pending.toString(), pendingStart);
        }
        return result;
    }

    /** The statements of a text read so far, or null while a quote or bracket is open: it spans lines. */
    private static List<Tokenizer.Statement> complete(CharSequence text) {
        try {
            return Tokenizer.statements(text.toString());
        } catch (Tokenizer.Unterminated open) {
            return null;
        }
    }

    /** Runs every statement of a text whose first line is {@code firstLine} (0: do not name lines). */
    private int runStatements(String text, int firstLine) {
        try {
            // Numbered from the script's own line, so that an unterminated quote or bracket names it too.
            return runAll(Tokenizer.statements(text, Math.max(firstLine, 1)), Math.min(firstLine, 1));
        } catch (UsageException e) {
            session.printer().context(firstLine > 0 ? "line " + firstLine : "");
            session.printer().error(null, e.getMessage());
            session.printer().context("");
            return ExitCode.USAGE;
        }
    }

    /**
     * Runs statements in order, stopping at the first failure unless told to keep going. Each
     * after the first follows the one before back to back.
     */
    private int runAll(List<Tokenizer.Statement> statements, int firstLine) {
        if (keepGoing) {
            ScriptRun run = new ScriptRun(this, session, true);
            run.queue(statements, firstLine);
            return run.finish();
        }
        int result = ExitCode.OK;
        boolean backToBack = false;
        for (Tokenizer.Statement statement : statements) {
            session.backToBack(backToBack);
            backToBack = true;
            session.printer().context(where(firstLine, statement));
            int code = run(statement.words());
            if (code != ExitCode.OK) {
                result = code;
                break;
            }
        }
        session.printer().context("");
        return result;
    }

    /** Where a statement of a text starting at {@code firstLine} comes from, for error messages ("" when 0). */
    static String where(int firstLine, Tokenizer.Statement statement) {
        return firstLine > 0 ? "line " + (firstLine + statement.line() - 1) : "";
    }

    /** Runs one statement's words as a command. */
    public int run(List<String> words) {
        OpCommand quick = quick(words);
        if (quick != null) {
            return shell.runQuick(quick);
        }
        CommandLine command = model().getSubcommands().get(words.get(0));
        if (command == null) {
            session.printer().error(null, Suggestions.unknownCommand(words.get(0), model().getSubcommands().keySet()));
            return ExitCode.USAGE;
        }
        return command.execute(words.subList(1, words.size()).toArray(new String[0]));
    }

    /**
     * The command {@link QuickParser} reads from a statement's words, if it reads them; null when
     * picocli must. Once the model is built (the REPL adds its own commands to it), only if it holds
     * the same command under that name.
     */
    OpCommand quick(List<String> words) {
        OpCommand quick = QuickParser.instance().command(words);
        if (quick == null || !shell.hasModel()) {
            return quick;
        }
        CommandLine command = model().getSubcommands().get(words.get(0));
        return command != null && command.getCommand().getClass() == quick.getClass() ? quick : null;
    }

}
