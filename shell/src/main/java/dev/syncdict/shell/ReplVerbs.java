package dev.syncdict.shell;

import dev.syncdict.protocol.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The interactive shell's own commands, added to the command model only there: {@code help} for
 * the REPL, {@code use}, {@code connect}, {@code clear} and {@code exit}. Being picocli commands,
 * they are parsed, completed and described like every other command.
 */
public final class ReplVerbs {

    /** What only the terminal can do for these verbs. */
    public interface Screen {
        void clear();

        void exit();
    }

    private ReplVerbs() {}

    /** Replaces the one-shot help with the REPL's and adds the REPL's verbs. */
    public static void install(CommandLine root, Screen screen) {
        root.getCommandSpec().removeSubcommand("help");
        root.addSubcommand(new Help());
        root.addSubcommand(new Use());
        root.addSubcommand(new Connect());
        root.addSubcommand(new Clear(screen));
        root.addSubcommand(new Exit(screen));
        HelpLayout.apply(root);
        // picocli hands its settings only to the commands present when they are set: hand them on again.
        root.setOut(root.getOut());
        root.setErr(root.getErr());
        root.setParameterExceptionHandler(root.getParameterExceptionHandler());
        root.setExecutionExceptionHandler(root.getExecutionExceptionHandler());
    }

    private static Session session(CommandSpec spec) {
        return ((SyncdictCommand) spec.root().userObject()).session();
    }

    /** Lists the REPL's commands, or describes one. */
    @Command(name = "help", description = "List the commands, or describe COMMAND (COMMAND --help does too).")
    static final class Help implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "COMMAND", description = "The command to describe.")
        String command;

        @Override
        public Integer call() {
            CommandSpec root = spec.root();
            var out = session(spec).io().out();
            if (command != null) {
                CommandLine described = root.subcommands().get(command);
                if (described == null) {
                    throw new UsageException(Suggestions.unknownCommand(command, root.subcommands().keySet()));
                }
                described.usage(out);
                return ExitCode.OK;
            }
            out.println("Commands (help COMMAND describes one; Tab completes commands, options and key paths):");
            out.print(new CommandLine.Help(root).commandList());
            out.println();
            out.println("Any command that talks to the daemon may end with `every DURATION` (500ms, 1s, 2m) and `times N`;");
            out.println("Ctrl+C ends a loop. A JSON value or quote left open goes on over the next lines.");
            out.flush();
            return ExitCode.OK;
        }
    }

    /** Moves the base that relative paths start from. */
    @Command(name = "use", description = "Work below PATH: later paths start there (use .. goes up, use / back to the top).")
    static final class Use implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "PATH", description = "Where to work, relative to where you are (default: /).")
        String path;

        @Override
        public Integer call() {
            Session session = session(spec);
            session.use(below(session.base(), path == null ? "/" : path));
            return ExitCode.OK;
        }

        /** The base {@code text} leads to from {@code base}. */
        static Path below(Path base, String text) {
            switch (text) {
                case "/":
                    return Path.ROOT;
                case ".":
                    return base;
                case "..":
                    return base.isRoot() ? base : base.parent();
                default:
                    return base.resolve(new Arguments.PathArg().convert(text));
            }
        }
    }

    /** Switches to another daemon. */
    @Command(name = "connect", description = "Talk to the daemon at HOST:PORT from now on.")
    static final class Connect implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "HOST:PORT", description = "The daemon's address, as --connect takes it.")
        String address;

        @Override
        public Integer call() throws java.io.IOException {
            Session session = session(spec);
            session.switchTo(Target.parse(address));
            session.client();
            return ExitCode.OK;
        }
    }

    /** A verb that only asks the terminal to act. */
    private abstract static class ScreenVerb implements Callable<Integer> {
        final Screen screen;

        ScreenVerb(Screen screen) {
            this.screen = screen;
        }
    }

    /** Clears the screen. */
    @Command(name = "clear", description = "Clear the screen (Ctrl+L does too).")
    static final class Clear extends ScreenVerb {
        Clear(Screen screen) {
            super(screen);
        }

        @Override
        public Integer call() {
            screen.clear();
            return ExitCode.OK;
        }
    }

    /** Leaves the shell. */
    @Command(name = "exit", aliases = "quit", description = "Leave the shell (Ctrl+D does too).")
    static final class Exit extends ScreenVerb {
        Exit(Screen screen) {
            super(screen);
        }

        @Override
        public Integer call() {
            screen.exit();
            return ExitCode.OK;
        }
    }
}
