package dev.syncdict.shell;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Renders fish completions from a picocli command model (picocli generates bash only): the
 * commands with their summaries, each command's options, file names where a FILE is wanted, and
 * the dash-less {@code every} and {@code times}, which fish offers as words after a command.
 */
final class FishCompletion {

    private final StringBuilder fish = new StringBuilder();
    private final String program;

    private FishCompletion(String program) {
        this.program = program;
    }

    static String render(CommandLine cli) {
        CommandSpec spec = cli.getCommandSpec();
        FishCompletion out = new FishCompletion(spec.name());
        out.fish.append("# Generated from the ").append(spec.name()).append(" command model by GeneratedArtifactsTest; do not edit.\n");
        out.fish.append("complete -c ").append(spec.name()).append(" -f\n");
        out.options(spec, "__fish_use_subcommand");
        for (Map.Entry<String, CommandLine> entry : spec.subcommands().entrySet()) {
            CommandSpec command = entry.getValue().getCommandSpec();
            out.complete("__fish_use_subcommand", "-a " + quote(entry.getKey()), summary(command));
            String seen = "__fish_seen_subcommand_from " + entry.getKey();
            out.options(command, seen);
            if (command.positionalParameters().stream().anyMatch(p -> p.paramLabel().equals("FILE"))) {
                out.complete(seen, "-F", "a file");
            }
            for (Map.Entry<String, CommandLine> nested : command.subcommands().entrySet()) {
                out.complete(seen, "-a " + quote(nested.getKey()), summary(nested.getValue().getCommandSpec()));
            }
        }
        return out.fish.toString();
    }

    private void options(CommandSpec spec, String condition) {
        for (OptionSpec option : spec.options()) {
            if (option.hidden()) {
                continue;
            }
            StringBuilder flags = new StringBuilder();
            for (String name : option.names()) {
                if (name.startsWith("--")) {
                    flags.append(" -l ").append(name.substring(2));
                } else if (name.startsWith("-")) {
                    flags.append(" -s ").append(name.substring(1));
                } else {
                    flags.append(" -a ").append(name);
                }
            }
            if (option.arity().max > 0 && option.names()[0].startsWith("-")) {
                flags.append(option.paramLabel().equals("FILE") ? " -r -F" : " -r");
            }
            complete(condition, flags.substring(1), String.join(" ", option.description()));
        }
    }

    private void complete(String condition, String what, String description) {
        fish.append("complete -c ").append(program).append(" -n ").append(quote(condition)).append(' ').append(what)
                .append(" -d ").append(quote(description)).append('\n');
    }

    private static String summary(CommandSpec command) {
        String[] description = command.usageMessage().description();
        return description.length == 0 ? "" : description[0];
    }

    private static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
