package dev.syncdict.shell;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Renders a picocli command model as a roff man page: NAME, SYNOPSIS, DESCRIPTION, OPTIONS,
 * COMMANDS (each with its own arguments and options; the options of the mixin that every command
 * shares, {@code every} and {@code times}, once after them), then sections given as plain text.
 * The same model drives --help and completion, so the three cannot disagree.
 */
final class ManPage {

    /** The field name of the mixin every command that talks to the daemon has (OpCommand.repetition). */
    private static final String SHARED_MIXIN = "repetition";

    private final StringBuilder roff = new StringBuilder();

    private ManPage() {}

    /** The page for a command, with extra sections (title, then lines) after the generated ones. */
    static String render(CommandLine cli, int section, String version, Map<String, List<String>> extraSections) {
        ManPage page = new ManPage();
        CommandSpec spec = cli.getCommandSpec();
        String[] description = spec.usageMessage().description();
        page.line(".\\\" Generated from the " + spec.name() + " command model by GeneratedArtifactsTest; do not edit.");
        page.line(".TH " + spec.name().toUpperCase() + " " + section + " \"\" \"" + version + "\" \""
                + (section == 1 ? "User Commands" : "System Administration") + "\"");
        page.line(".SH NAME");
        page.line(escape(spec.name()) + " \\- " + escape(lowerFirst(stripPeriod(description[0]))));
        page.line(".SH SYNOPSIS");
        page.line(".nf");
        page.text(cli.getHelp().synopsis(0).strip());
        page.line(".fi");
        page.line(".SH DESCRIPTION");
        page.paragraphs(description);
        page.line(".SH OPTIONS");
        page.arguments(spec, List.of());
        if (!spec.subcommands().isEmpty()) {
            page.line(".SH COMMANDS");
            List<OptionSpec> shared = page.commands(spec, "");
            if (!shared.isEmpty()) {
                page.line(".SH \"OPTIONS OF EVERY COMMAND THAT TALKS TO THE DAEMON\"");
                for (OptionSpec option : shared) {
                    page.option(option);
                }
            }
        }
        String[] footer = spec.usageMessage().footer();
        if (footer.length > 0) {
            String heading = spec.usageMessage().footerHeading().replace("%n", "").replace(":", "").strip();
            page.line(".SH " + (heading.isEmpty() ? "EXIT STATUS" : heading.toUpperCase()));
            page.paragraphs(footer);
        }
        for (Map.Entry<String, List<String>> extra : extraSections.entrySet()) {
            page.line(".SH " + extra.getKey());
            page.paragraphs(extra.getValue().toArray(new String[0]));
        }
        return page.roff.toString();
    }

    /** Renders each command; the shared mixin's options are shown once, so they are returned instead. */
    private List<OptionSpec> commands(CommandSpec parent, String prefix) {
        List<OptionSpec> shared = new java.util.ArrayList<>();
        for (Map.Entry<String, CommandLine> entry : parent.subcommands().entrySet()) {
            CommandSpec command = entry.getValue().getCommandSpec();
            if (!entry.getKey().equals(command.name()) || command.usageMessage().hidden()) {
                continue;
            }
            line(".TP");
            StringBuilder usage = new StringBuilder("\\fB" + escape(prefix + command.name()) + "\\fR");
            for (PositionalParamSpec parameter : command.positionalParameters()) {
                String label = "\\fI" + escape(parameter.paramLabel()) + "\\fR";
                usage.append(' ').append(parameter.arity().min == 0 ? "[" + label + "]" : label);
            }
            line(usage.toString());
            paragraphs(command.usageMessage().description());
            CommandSpec sharedMixin = command.mixins().get(SHARED_MIXIN);
            List<OptionSpec> fromMixins = sharedMixin == null ? List.of() : sharedMixin.options();
            if (shared.isEmpty()) {
                shared.addAll(fromMixins);
            }
            if (command.args().size() > fromMixins.size()) {
                line(".RS");
                arguments(command, fromMixins);
                line(".RE");
            }
            commands(command, prefix + command.name() + " ");
        }
        return shared;
    }

    private void arguments(CommandSpec spec, List<OptionSpec> skipped) {
        for (PositionalParamSpec parameter : spec.positionalParameters()) {
            argument("\\fI" + escape(parameter.paramLabel()) + "\\fR", parameter);
        }
        for (OptionSpec option : spec.options()) {
            // Every command's --help is said once, at the top, not under each command.
            boolean commandHelp = option.usageHelp() && spec.parent() != null;
            if (!option.hidden() && !commandHelp && skipped.stream().noneMatch(s -> s.longestName().equals(option.longestName()))) {
                option(option);
            }
        }
    }

    private void option(OptionSpec option) {
        StringBuilder names = new StringBuilder();
        for (String name : option.names()) {
            names.append(names.length() == 0 ? "" : ", ").append("\\fB").append(escape(name)).append("\\fR");
        }
        if (option.arity().max > 0) {
            names.append(' ').append("\\fI").append(escape(option.paramLabel())).append("\\fR");
        }
        argument(names.toString(), option);
    }

    private void argument(String term, ArgSpec arg) {
        line(".TP");
        line(term);
        text(String.join(" ", arg.description()));
    }

    private void paragraphs(String[] lines) {
        boolean fresh = true;
        for (String paragraph : lines) {
            if (paragraph.isBlank()) {
                line(".PP");
                fresh = true;
            } else if (paragraph.startsWith("  ")) {
                // An indented line (a table row, an example) keeps its own line.
                line(".br");
                text(paragraph.strip());
            } else {
                if (!fresh) {
                    line(".br");
                }
                text(paragraph);
                fresh = false;
            }
        }
    }

    private void text(String text) {
        String escaped = escape(text);
        line(escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped);
    }

    private void line(String line) {
        roff.append(line).append('\n');
    }

    private static String escape(String text) {
        return text.replace("\\", "\\e").replace("-", "\\-");
    }

    private static String stripPeriod(String text) {
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    private static String lowerFirst(String text) {
        return Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}
