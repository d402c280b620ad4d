package dev.syncdict.shell;

import dev.syncdict.shell.complete.Candidate;
import dev.syncdict.shell.complete.Completer;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * The hidden entry point behind bash, zsh and fish completion: {@code syncdict __complete WORD...
 * CURRENT} prints what the REPL's completion offers for CURRENT after the WORDs, one candidate a
 * line as {@code VALUE<TAB>DESCRIPTION}. A VALUE that ends in a space is a finished word; one
 * that does not goes on (a key path ending in '.' or '['). A line with an empty VALUE asks for
 * file names. Whatever goes wrong, it prints nothing else and exits 0: a Tab must never show errors.
 */
final class CompleteEntry {

    static final String NAME = "__complete";

    private CompleteEntry() {}

    static int run(String[] args, ShellIo io) {
        if (args.length == 0) {
            return ExitCode.OK;
        }
        List<String> words = Arrays.asList(args).subList(0, args.length - 1);
        String current = args[args.length - 1];
        PrintWriter out = io.out();
        try (SyncdictCommand root = new SyncdictCommand(io)) {
            CommandLine cli = SyncdictCommand.commandLine(root);
            applyGlobalOptions(cli, words);
            for (Candidate candidate : new Completer(cli.getCommandSpec(), root.session().keys()).complete(words, current)) {
                String description = candidate.description() == null ? "" : candidate.description();
                out.println(candidate.value() + (candidate.complete() ? " " : "") + "\t" + description);
            }
        } catch (RuntimeException e) {
            // A bad --connect or environment: no candidates rather than an error in the middle of a line.
        }
        out.flush();
        return ExitCode.OK;
    }

    /** Applies --connect and --token-file typed before the command, so keys come from the daemon meant. */
    private static void applyGlobalOptions(CommandLine cli, List<String> words) {
        int command = 0;
        while (command < words.size() && !cli.getSubcommands().containsKey(words.get(command))) {
            command++;
        }
        try {
            cli.parseArgs(words.subList(0, command).toArray(new String[0]));
        } catch (CommandLine.ParameterException halfTyped) {
            // An option still missing its value: complete against the default daemon.
        }
    }
}
