package dev.syncdict.shell;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Everything the shell reads from or writes to the outside world, injected so that every command
 * runs the same in a test as in a terminal: standard streams, environment, and whether standard
 * input and output are terminals.
 */
public record ShellIo(InputStream in, PrintWriter out, PrintWriter err, Map<String, String> env,
        boolean stdinIsTerminal, boolean stdoutIsTerminal) {

    /** The process's own streams and environment. */
    public static ShellIo system() {
        return new ShellIo(System.in, writer(System.out), writer(System.err), System.getenv(),
                Terminals.isTerminal(0), Terminals.isTerminal(1));
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }
}
