package dev.syncdict.shell;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Turns picocli's parse errors into the shell's words: which command, which argument, what was
 * wrong with it and where to read more, quoting at most one short line of what was typed.
 */
public final class UsageMessages {

    /** Longest excerpt of typed input shown in a message. */
    private static final int EXCERPT = 60;

    private UsageMessages() {}

    /** The message for a command line picocli could not parse. */
    public static String of(CommandLine.ParameterException e) {
        CommandSpec spec = e.getCommandLine().getCommandSpec();
        String see = " (see: " + spec.qualifiedName() + " --help)";
        String command = spec.parent() == null ? "" : spec.name() + ": ";
        if (e instanceof CommandLine.UnmatchedArgumentException) {
            String first = ((CommandLine.UnmatchedArgumentException) e).getUnmatched().get(0);
            if (!spec.subcommands().isEmpty() && !first.startsWith("-")) {
                return command + Suggestions.unknownCommand(first, spec.subcommands().keySet());
            }
            if (first.startsWith("-") && spec.parent() != null && spec.root().findOption(first) != null) {
                // `syncdict keys --json`: users of tools whose global flags go anywhere try this first.
                return command + first + " is an option of " + spec.root().name() + " itself, not of " + spec.name()
                        + ": " + spec.root().name() + " " + first + " " + spec.name() + " ..." + " (see: " + spec.root().name() + " --help)";
            }
            if (first.startsWith("-")) {
                String nearest = Suggestions.nearest(first, optionNames(spec));
                return command + "unknown option " + excerpt(first, 1) + (nearest == null ? "" : ": did you mean " + nearest + "?") + see;
            }
            return command + "unexpected " + excerpt(first, 1) + " after the arguments" + see;
        }
        if (e instanceof CommandLine.MissingParameterException) {
            List<String> missing = new ArrayList<>();
            for (ArgSpec arg : ((CommandLine.MissingParameterException) e).getMissing()) {
                missing.add(label(arg));
            }
            return command + "missing " + String.join(" and ", missing) + see;
        }
        if (e.getArgSpec() != null && e.getCause() instanceof CommandLine.TypeConversionException) {
            return command + label(e.getArgSpec()) + ": " + e.getCause().getMessage() + see;
        }
        return command + e.getMessage() + see;
    }

    /** At most {@link #EXCERPT} characters of one line of the input, around a 1-based column. */
    public static String excerpt(String input, int column) {
        String line = input.replace('\n', ' ').replace('\r', ' ');
        if (line.length() <= EXCERPT) {
            return line;
        }
        int start = Math.max(0, Math.min(column - 1 - EXCERPT / 2, line.length() - EXCERPT));
        return (start > 0 ? "…" : "") + line.substring(start, start + EXCERPT) + (start + EXCERPT < line.length() ? "…" : "");
    }

    private static String label(ArgSpec arg) {
        return arg.isOption() ? ((OptionSpec) arg).longestName() : arg.paramLabel();
    }

    private static List<String> optionNames(CommandSpec spec) {
        List<String> names = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            names.addAll(List.of(option.names()));
        }
        return names;
    }
}
