package dev.syncdict.shell.terminal;

import dev.syncdict.shell.ExitCode;
import dev.syncdict.shell.ReplVerbs;
import dev.syncdict.shell.Session;
import dev.syncdict.shell.Statements;
import dev.syncdict.shell.Target;
import java.io.IOException;
import java.nio.file.Files;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.InfoCmp;

/**
 * The interactive shell: JLine line editing, history in $XDG_STATE_HOME/syncdict/history,
 * completion from the command model with live key paths, JSON over several lines, and a prompt
 * that shows where the shell works; every line runs through the same {@link Statements} as a
 * script. This package is the only one that imports JLine, so a one-shot command never loads it.
 */
public final class Repl implements ReplVerbs.Screen {

    private final Terminal terminal;
    private boolean exit;

    private Repl(Terminal terminal) {
        this.terminal = terminal;
    }

    /** Reads and runs lines until Ctrl+D or {@code exit}; returns the last command's exit code. */
    public static int run(Statements statements) throws IOException {
        Session session = statements.session();
        Files.createDirectories(session.locations().historyFile().getParent());
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            keepOutputOnCtrlC(terminal);
            Repl repl = new Repl(terminal);
            statements.enterRepl(repl);
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("syncdict")
                    .parser(new ReplParser())
                    .completer(new ReplCompleter(statements.completer()))
                    .completionMatcher(new EngineMatcher())
                    .variable(LineReader.HISTORY_FILE, session.locations().historyFile())
                    .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P ...> ")
                    // Typo matching offered unrelated commands for a key that matched nothing.
                    .option(LineReader.Option.COMPLETE_MATCHER_TYPO, false)
                    .option(LineReader.Option.INSERT_TAB, false)
                    // After ^C or output without a newline, the prompt starts on a line of its own.
                    .option(LineReader.Option.AUTO_FRESH_LINE, true)
                    .highlighter(new Hints(statements))
                    .build();
            reader.setAutosuggestion(LineReader.SuggestionType.TAIL_TIP);
            // Outside readLine, Ctrl+C abandons the running command instead of killing the shell.
            Thread shell = Thread.currentThread();
            terminal.handle(Terminal.Signal.INT, signal -> {
                shell.interrupt();
                session.abort();
            });
            int last = ExitCode.OK;
            while (!repl.exit) {
                String line;
                try {
                    line = reader.readLine(prompt(session));
                } catch (UserInterruptException ctrlC) {
                    continue;
                } catch (EndOfFileException ctrlD) {
                    return last;
                }
                if (!line.isBlank()) {
                    last = statements.runText(line);
                }
                // A Ctrl+C that ended an `every` loop must not leak into the next command.
                Thread.interrupted();
            }
            return last;
        }
    }

    /**
     * Without NOFLSH, the kernel discards on Ctrl+C the output already written but not yet read
     * by the terminal (tmux, a slow ssh link): the last result of an {@code every} loop, whose
     * command ran, could vanish from the screen. JLine restores the attributes when it closes.
     */
    private static void keepOutputOnCtrlC(Terminal terminal) {
        Attributes attributes = terminal.getAttributes();
        attributes.setLocalFlag(Attributes.LocalFlag.NOFLSH, true);
        terminal.setAttributes(attributes);
    }

    /** {@code syncdict [address] [use path] [(offline)]> }: what is not the default, and a lost connection. */
    private static String prompt(Session session) {
        StringBuilder prompt = new StringBuilder("syncdict");
        if (!session.target().equals(new Target(Target.DEFAULT_HOST, Target.DEFAULT_PORT))) {
            prompt.append(' ').append(session.target());
        }
        if (!session.base().isRoot()) {
            prompt.append(' ').append(session.base());
        }
        if (session.disconnected()) {
            prompt.append(" (offline)");
        }
        return prompt.append("> ").toString();
    }

    @Override
    public void clear() {
        terminal.puts(InfoCmp.Capability.clear_screen);
        terminal.flush();
    }

    @Override
    public void exit() {
        exit = true;
    }
}
