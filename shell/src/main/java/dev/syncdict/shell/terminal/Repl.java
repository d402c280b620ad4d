package dev.syncdict.shell.terminal;

import dev.syncdict.shell.ExitCode;
import dev.syncdict.shell.Statements;
import java.io.IOException;
import java.nio.file.Files;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive shell: JLine line editing, history in $XDG_STATE_HOME/syncdict/history and
 * command-name completion; every line runs through the same {@link Statements} as a script. This
 * package is the only one that imports JLine, so a one-shot command never loads it.
 */
public final class Repl {

    private Repl() {}

    /** Reads and runs lines until Ctrl+D or {@code exit}; returns the last command's exit code. */
    public static int run(Statements statements) throws IOException {
        Files.createDirectories(statements.session().locations().historyFile().getParent());
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("syncdict")
                    .completer(new StringsCompleter(statements.commandNames()))
                    .variable(LineReader.HISTORY_FILE, statements.session().locations().historyFile())
                    .build();
            // Outside readLine, Ctrl+C abandons the running command instead of killing the shell.
            Thread shell = Thread.currentThread();
            terminal.handle(Terminal.Signal.INT, signal -> {
                shell.interrupt();
                statements.session().abort();
            });
            int last = ExitCode.OK;
            while (true) {
                String line;
                try {
                    line = reader.readLine("syncdict> ");
                } catch (UserInterruptException ctrlC) {
                    continue;
                } catch (EndOfFileException ctrlD) {
                    return last;
                }
                String trimmed = line.strip();
                if (trimmed.equals("exit") || trimmed.equals("quit")) {
                    return last;
                }
                if (!trimmed.isEmpty()) {
                    last = statements.runLine(line);
                }
                // A Ctrl+C that ended an `every` loop must not leak into the next command.
                Thread.interrupted();
            }
        }
    }
}
