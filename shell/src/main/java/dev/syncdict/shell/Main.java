package dev.syncdict.shell;

import dev.syncdict.protocol.Version;
import picocli.CommandLine;

/** The {@code syncdict} executable. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        ConnectionWarmUp.start();
        System.exit(run(args, ShellIo.system()));
    }

    /** Runs the shell with these arguments and this I/O; returns the exit code. Tests call this. */
    public static int run(String[] args, ShellIo io) {
        if (args.length > 0 && args[0].equals(CompleteEntry.NAME)) {
            return CompleteEntry.run(java.util.Arrays.copyOfRange(args, 1, args.length), io);
        }
        if (asksForVersionOnly(args)) {
            // Picocli's whole command model takes longer to build than this answer (docs/BENCHMARKS.md).
            for (String line : Version.describe("syncdict")) {
                io.out().println(line);
            }
            io.out().flush();
            return ExitCode.OK;
        }
        // The plain invocations scripts and loops run most skip picocli's start; the rest is picocli's.
        QuickParser.Invocation quick = QuickParser.instance().invocation(args, io);
        if (quick != null) {
            try (SyncdictCommand root = quick.root()) {
                return quick.command() == null ? root.runQuick() : root.runQuick(quick.command());
            }
        }
        try (SyncdictCommand root = new SyncdictCommand(io)) {
            CommandLine cli = SyncdictCommand.commandLine(root, args);
            return cli.execute(args);
        }
    }

    /** Whether the arguments are only the version option, which picocli's standard help options spell two ways. */
    static boolean asksForVersionOnly(String[] args) {
        return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    }
}
