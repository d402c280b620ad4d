package dev.syncdict.shell;

import java.io.InputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
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
        return new ShellIo(System.in, writer(FileDescriptor.out), writer(FileDescriptor.err), System.getenv(),
                Terminals.isTerminal(0), Terminals.isTerminal(1));
    }

    /**
     * A writer straight onto a file descriptor, not through System.out: a PrintStream swallows the
     * error of a closed pipe, and loops and watches must see it ({@link Printer#closed()}) to end.
     */
    private static PrintWriter writer(FileDescriptor fd) {
        return new PrintWriter(new OutputStreamWriter(new FileOutputStream(fd), StandardCharsets.UTF_8), true);
    }
}
