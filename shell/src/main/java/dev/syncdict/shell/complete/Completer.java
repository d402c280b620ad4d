package dev.syncdict.shell.complete;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Completes a command line from the picocli command model, aware of where the cursor stands:
 * command names in command position; then the command's key paths (live, through {@link
 * KeyPaths}), its options and their fixed values, {@code every} and {@code times} once the
 * required arguments are there, and durations after {@code every}. The REPL and the hidden
 * {@code __complete} entry point (bash, zsh, fish) both ask this one engine.
 */
public final class Completer {

    /** What a wanted FILE completes to: the caller's own file-name completion. */
    public static final Candidate FILES = new Candidate("", "FILE", false);

    private static final List<String> DURATIONS = List.of("100ms", "500ms", "1s", "5s", "1m");

    private final CommandSpec root;
    private final KeyPaths paths;

    public Completer(CommandSpec root, KeySource keys) {
        this.root = root;
        this.paths = new KeyPaths(keys);
    }

    /** Candidates for {@code current}, the word under the cursor, after {@code words}. */
    public List<Candidate> complete(List<String> words, String current) {
        CommandSpec command = root;
        int next = 0;
        OptionSpec awaiting = null;
        // The root's own options (one-shot only; the REPL's root has none) come before the command name.
        while (next < words.size()) {
            String word = words.get(next);
            if (awaiting != null) {
                awaiting = null;
            } else if (command.subcommands().containsKey(word)) {
                command = command.subcommands().get(word).getCommandSpec();
            } else if (command == root && command.findOption(word) != null) {
                awaiting = takesValue(command.findOption(word));
            } else {
                break;
            }
            next++;
        }
        if (awaiting != null) {
            return values(awaiting, current);
        }
        if (command == root || (!command.subcommands().isEmpty() && next == words.size())) {
            return current.startsWith("-") ? options(command, Set.of(), current, true) : commands(command, current);
        }
        return arguments(command, words.subList(next, words.size()), current);
    }

    /** After the command name: positional values, options, every/times. */
    private List<Candidate> arguments(CommandSpec command, List<String> words, String current) {
        Set<OptionSpec> used = new HashSet<>();
        int positional = 0;
        OptionSpec awaiting = null;
        for (String word : words) {
            if (awaiting != null) {
                awaiting = null;
                continue;
            }
            OptionSpec option = command.findOption(word.startsWith("-") && word.contains("=") ? word.substring(0, word.indexOf('=')) : word);
            if (option != null) {
                used.add(option);
                awaiting = word.contains("=") ? null : takesValue(option);
            } else {
                positional++;
            }
        }
        if (awaiting != null) {
            return values(awaiting, current);
        }
        if (current.startsWith("-")) {
            return options(command, used, current, true);
        }
        List<Candidate> candidates = new ArrayList<>();
        PositionalParamSpec param = positionalAt(command, positional);
        if (param != null) {
            candidates.addAll(values(param, current));
        }
        if (param == null || positional >= requiredPositionals(command)) {
            candidates.addAll(options(command, used, current, false));
        }
        return candidates;
    }

    private static OptionSpec takesValue(OptionSpec option) {
        return option.arity().max > 0 ? option : null;
    }

    /** Candidates for an option's or positional's value: a fixed set, key paths, durations, files or commands. */
    private List<Candidate> values(ArgSpec arg, String current) {
        List<Candidate> candidates = new ArrayList<>();
        if (arg.completionCandidates() != null) {
            arg.completionCandidates().forEach(value -> candidates.add(Candidate.word(value, null)));
        } else if (arg.paramLabel().equals("PATH")) {
            return paths.complete(current);
        } else if (arg.paramLabel().equals("DURATION")) {
            durations(current).forEach(value -> candidates.add(Candidate.word(value, null)));
        } else if (arg.paramLabel().equals("FILE")) {
            return List.of(FILES);
        } else if (arg.paramLabel().equals("COMMAND")) {
            return commands(root, current);
        }
        return matching(candidates, current);
    }

    /** Common durations, or the units for a number already typed. */
    private static List<String> durations(String current) {
        if (!current.isEmpty() && current.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
            return List.of(current + "ms", current + "s", current + "m", current + "h");
        }
        return DURATIONS;
    }

    private static List<Candidate> commands(CommandSpec command, String current) {
        List<Candidate> candidates = new ArrayList<>();
        for (Map.Entry<String, CommandLine> entry : command.subcommands().entrySet()) {
            CommandSpec sub = entry.getValue().getCommandSpec();
            if (!sub.usageMessage().hidden() && sub.name().equals(entry.getKey())) {
                candidates.add(Candidate.word(entry.getKey(), summary(sub)));
            }
        }
        return matching(candidates, current);
    }

    /** The options not given yet: those named with dashes, or the dash-less every and times. */
    private static List<Candidate> options(CommandSpec command, Set<OptionSpec> used, String current, boolean dashed) {
        List<Candidate> candidates = new ArrayList<>();
        for (OptionSpec option : command.options()) {
            if (option.hidden() || used.contains(option) || option.usageHelp() || option.versionHelp()) {
                continue;
            }
            for (String name : option.names()) {
                if (name.startsWith("-") == dashed) {
                    candidates.add(Candidate.word(name, String.join(" ", option.description())));
                }
            }
        }
        return matching(candidates, current);
    }

    private static PositionalParamSpec positionalAt(CommandSpec command, int position) {
        for (PositionalParamSpec param : command.positionalParameters()) {
            if (param.index().contains(position) && !param.hidden()) {
                return param;
            }
        }
        return null;
    }

    private static int requiredPositionals(CommandSpec command) {
        int required = 0;
        for (PositionalParamSpec param : command.positionalParameters()) {
            required += param.arity().min;
        }
        return required;
    }

    private static String summary(CommandSpec command) {
        String[] description = command.usageMessage().description();
        return description.length == 0 ? null : description[0];
    }

    private static List<Candidate> matching(List<Candidate> candidates, String current) {
        candidates.removeIf(candidate -> !candidate.value().startsWith(current));
        return candidates;
    }
}
