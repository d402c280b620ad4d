package dev.syncdict.shell;

import dev.syncdict.shell.complete.Completer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
        try {
            return runAll(Tokenizer.statements(text));
        } catch (UsageException e) {
            session.printer().error(ShellErrors.USAGE, e.getMessage());
            return ExitCode.USAGE;
        }
    }

    /** Runs a script read line by line, so that a generator can pipe commands in as it goes. */
    int runStream(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        ScriptRun run = new ScriptRun(this, session, keepGoing);
        Tokenizer script = Tokenizer.script();
        // Stopped is checked before reading on: a co-process that got the failure must not wait for one more line.
        for (String line; !run.stopped() && (line = reader.readLine()) != null; ) {
            // Each line is read once, going on where the last left off: a value spanning many lines costs its length.
            script.append(line);
            script.append("\n");
            run.queue(script.take());
            if (!reader.ready()) {
                run.finish();
            }
        }
        return end(run, script);
    }

    /**
     * Runs a script file's text, its errors naming their lines: read once, for a value may span
     * thousands of lines, and all of it is there.
     */
    int runFile(String text) {
        ScriptRun run = new ScriptRun(this, session, keepGoing);
        Tokenizer script = Tokenizer.script();
        script.append(text);
        run.queue(script.take());
        return end(run, script);
    }

    /**
     * Runs what the script's end completes, shows every reply it still owes, then, unless it
     * stopped, reports a quote or bracket its end left open, naming the line of the statement it
     * opened in; returns the exit code.
     */
    private int end(ScriptRun run, Tokenizer script) {
        Tokenizer.Unterminated open = script.end();
        if (!run.stopped()) {
            run.queue(script.take());
        }
        int result = run.finish();
        if (open == null || run.stopped()) {
            return result;
        }
        session.printer().context("line " + script.openLine());
        session.printer().error(ShellErrors.USAGE, open.getMessage());
        session.printer().context("");
        return ExitCode.USAGE;
    }

    /**
     * Runs statements in order, stopping at the first failure unless told to keep going. Each
     * after the first follows the one before back to back.
     */
    private int runAll(List<Tokenizer.Statement> statements) {
        if (keepGoing) {
            ScriptRun run = new ScriptRun(this, session, true);
            run.queue(statements, 0);
            return run.finish();
        }
        int result = ExitCode.OK;
        boolean backToBack = false;
        for (Tokenizer.Statement statement : statements) {
            session.backToBack(backToBack);
            backToBack = true;
            int code = run(statement.words());
            if (code != ExitCode.OK) {
                result = code;
                break;
            }
        }
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
            session.printer().error(ShellErrors.USAGE, Suggestions.unknownCommand(words.get(0), model().getSubcommands().keySet()));
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
