package dev.syncdict.shell;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Gives every command a {@code --help} (the same text as {@code help COMMAND}) and a synopsis in
 * the order people type it: options, arguments, then {@code every DURATION} and {@code times N}.
 */
final class HelpLayout {

    private HelpLayout() {}

    /** Applies to this command and every command below it. */
    static void apply(CommandLine cli) {
        CommandSpec spec = cli.getCommandSpec();
        if (spec.findOption("--help") == null && !(cli.getCommand() instanceof CommandLine.HelpCommand)) {
            spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help.").build());
        }
        cli.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS, help -> synopsis(spec) + "\n");
        for (CommandLine sub : cli.getSubcommands().values()) {
            apply(sub);
        }
    }

    /**
     * What a command still takes after the words typed so far, for a hint beside the line: {@code
     * get } hints {@code PATH [every DURATION] [times N]}. Empty when the first word is no command.
     */
    static String hint(CommandSpec root, Tokenizer.Partial typed) {
        List<String> words = typed.words();
        CommandLine command = words.isEmpty() ? null : root.subcommands().get(words.get(0));
        if (command == null || !typed.current().isEmpty()) {
            return "";
        }
        CommandSpec spec = command.getCommandSpec();
        StringBuilder hint = new StringBuilder();
        int given = words.size() - 1;
        for (PositionalParamSpec param : spec.positionalParameters()) {
            if (!param.hidden() && param.index().min() >= given) {
                hint.append(' ').append(param.arity().min == 0 ? "[" + param.paramLabel() + "]" : param.paramLabel());
            }
        }
        for (OptionSpec option : spec.options()) {
            if (!option.hidden() && !option.longestName().startsWith("-") && !words.contains(option.longestName())) {
                hint.append(" [").append(option.longestName()).append(' ').append(option.paramLabel()).append(']');
            }
        }
        return hint.toString().strip();
    }

    private static String synopsis(CommandSpec spec) {
        StringBuilder text = new StringBuilder(spec.qualifiedName());
        List<OptionSpec> options = spec.options();
        for (OptionSpec option : options) {
            if (!option.hidden() && option.longestName().startsWith("-")) {
                text.append(" [").append(option.longestName());
                if (option.arity().max > 0) {
                    text.append(' ').append(option.paramLabel());
                }
                text.append(']');
            }
        }
        for (PositionalParamSpec param : spec.positionalParameters()) {
            if (!param.hidden()) {
                boolean optional = param.arity().min == 0;
                text.append(' ').append(optional ? "[" : "").append(param.paramLabel()).append(param.arity().max > 1 ? "..." : "")
                        .append(optional ? "]" : "");
            }
        }
        if (!spec.subcommands().isEmpty()) {
            text.append(' ').append(spec.usageMessage().synopsisSubcommandLabel());
        }
        for (OptionSpec option : options) {
            if (!option.hidden() && !option.longestName().startsWith("-")) {
                text.append(" [").append(option.longestName()).append(' ').append(option.paramLabel()).append(']');
            }
        }
        return text.toString();
    }
}
