package dev.syncdict.shell;

import dev.syncdict.client.SyncdictClient;
import dev.syncdict.protocol.Version;
import dev.syncdict.shell.commands.DaemonCommand;
import dev.syncdict.shell.commands.DelCommand;
import dev.syncdict.shell.commands.DumpCommand;
import dev.syncdict.shell.commands.GetCommand;
import dev.syncdict.shell.commands.IncrCommand;
import dev.syncdict.shell.commands.InfoCommand;
import dev.syncdict.shell.commands.KeysCommand;
import dev.syncdict.shell.commands.LoadCommand;
import dev.syncdict.shell.commands.PingCommand;
import dev.syncdict.shell.commands.SetCommand;
import dev.syncdict.shell.commands.ShutdownCommand;
import dev.syncdict.shell.commands.TxCommand;
import dev.syncdict.shell.commands.WatchCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The {@code syncdict} command: global options, the commands, and what to do with no command:
 * run {@code -c} or {@code -f}, a script on standard input, or the REPL on a terminal. All four
 * run their statements through {@link Statements}, one path for every input.
 */
@Command(name = "syncdict", mixinStandardHelpOptions = true, versionProvider = SyncdictCommand.VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        synopsisSubcommandLabel = "[COMMAND]",
        description = {
            "A shell for syncdictd, the daemon that shares one live dictionary of JSON values.",
            "",
            "With a COMMAND, runs it once. With -c or -f, or with a script on standard input, runs each line."
                    + " With nothing on a terminal, opens an interactive shell.",
            "",
            "Any command that talks to the daemon may end with `every DURATION` (repeat until Ctrl+C) and `times N`:"
                    + " syncdict incr visits 0.5 every 1s",
        },
        footerHeading = "%nExit status:%n",
        footer = {
            "  0  success",
            "  1  nothing at the path, or a condition (--if-absent, --if-value, --if-rev) did not hold",
            "  2  usage error: a bad command, option, path or value",
            "  3  cannot connect to the daemon, it refused the token, or it has no room for the connection;"
                    + " or the connection broke with a command in flight",
            "  4  any other error reported by the daemon, or it did not stop in time",
            "",
            "With --json an error goes to standard error as {\"error\":{\"code\":..,\"message\":..}}: the daemon's"
                    + " code, or for an error the shell finds usage (2), unavailable (3), lost (3), stop_timeout (4)"
                    + " or unexpected (4).",
            "",
            "Environment: SYNCDICT_ADDR (daemon address), SYNCDICT_TOKEN (token), SYNCDICT_DAEMON (the syncdictd to"
                    + " auto-start), NO_COLOR, XDG_CONFIG_HOME, XDG_STATE_HOME, XDG_RUNTIME_DIR.",
        })
public final class SyncdictCommand implements Callable<Integer>, AutoCloseable {

    /**
     * Every command, in the order help lists them. Not in the annotation, so that picocli does not
     * build every command's model when a one-shot invocation runs only one of them.
     */
    private static final List<Class<?>> COMMANDS = List.of(GetCommand.class, SetCommand.class, DelCommand.class,
            IncrCommand.class, KeysCommand.class, DumpCommand.class, LoadCommand.class, TxCommand.class,
            InfoCommand.class, PingCommand.class, ShutdownCommand.class, WatchCommand.class, DaemonCommand.class,
            dev.syncdict.shell.bench.BenchCommand.class, CommandLine.HelpCommand.class);

    /** The address prefix that asks for TLS, as in {@code tls://db.example:7440}. */
    private static final String TLS_SCHEME = "tls://";

    @Option(names = "--connect", paramLabel = "HOST:PORT",
            description = "Daemon address (default: $SYNCDICT_ADDR, else 127.0.0.1:7440).")
    private String connect;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Read the token from FILE. Without it: the token in $SYNCDICT_TOKEN (the token itself, not a file"
                    + " name), else the file $XDG_CONFIG_HOME/syncdict/token.")
    private Path tokenFile;

    @Option(names = "--tls", description = "Connect with TLS (so does a tls://HOST:PORT address); the daemon's certificate"
            + " must name the host and be signed by a CA in --cacert, else in the system's trust store.")
    private boolean tls;

    @Option(names = "--cacert", paramLabel = "FILE", description = "Trust the CA certificates in FILE (PEM) for TLS; implies --tls.")
    private Path caFile;

    @Option(names = "--cert", paramLabel = "FILE", description = "Mutual TLS: present this client certificate (PEM); needs --key.")
    private Path certFile;

    @Option(names = "--key", paramLabel = "FILE", description = "The private key of --cert (PEM, PKCS#8, unencrypted).")
    private Path keyFile;

    @Option(names = "--no-autostart", description = "Never start a local daemon when none answers.")
    private boolean noAutostart;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Arguments.DurationArg.class,
            description = "Give up on a daemon that does not answer within DURATION: connecting, the handshake, and each"
                    + " command's reply (default: 10s). Exit status 3.")
    private Duration timeout = SyncdictClient.DEFAULT_TIMEOUT;

    @Option(names = "--raw", description = "Print strings without quotes, and keys one per line.")
    private boolean raw;

    @Option(names = "--no-color", description = "No colors, even on a terminal (as the NO_COLOR variable does).")
    private boolean noColor;

    @Option(names = "--json", description = "Compact JSON output even on a terminal, and errors as JSON on stderr.")
    private boolean json;

    @Option(names = "-c", paramLabel = "COMMANDS", description = "Run these commands, separated by ';' or newlines.")
    private String commands;

    @Option(names = "-f", paramLabel = "FILE", description = "Run the commands in FILE ('-' for standard input).")
    private Path file;

    @Option(names = "--keep-going", description = "In a script, go on after a failing command (exit with the last failure's code),"
            + " though not once the daemon cannot be reached or refuses the connection.")
    private boolean keepGoing;

    private final ShellIo io;
    private CommandLine commandLine;
    /** The arguments {@link QuickParser} read into this object, for a model built later ({@link #model()}). */
    private String[] quickArguments = new String[0];
    private JsonPrinter printer;
    private Session session;

    public SyncdictCommand(ShellIo io) {
        this.io = io;
    }

    /** The configured command line with every command: for scripts, the REPL, help and completion. */
    public static CommandLine commandLine(SyncdictCommand root) {
        return commandLine(root, new String[0]);
    }

    /**
     * The configured command line for these arguments. Building a command's model by reflection is
     * most of a one-shot command's start (docs/BENCHMARKS.md), so when the arguments name a command
     * to run once, only that command is built; anything else (no command: a script or the REPL;
     * help; a misspelt name that picocli should suggest a fix for) gets every command.
     */
    public static CommandLine commandLine(SyncdictCommand root, String[] args) {
        CommandLine cli = new CommandLine(root);
        Class<?> only = oneShotCommand(cli.getCommandSpec(), args);
        for (Class<?> command : only != null ? List.of(only) : COMMANDS) {
            cli.addSubcommand(command);
        }
        // Configured after the commands are added: picocli passes these settings on only to the commands it already has.
        Arguments.wholeNumbersOnly(cli);
        root.commandLine = cli;
        cli.setOut(root.io.out());
        cli.setErr(root.io.err());
        cli.setParameterExceptionHandler((e, rejected) -> {
            root.printer().error(ShellErrors.USAGE, UsageMessages.of(e));
            return ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> root.failure(e));
        HelpLayout.apply(cli);
        return cli;
    }

    /** Commands that use the others' models: help describes them, tx parses its lines with them. */
    private static final Set<Class<?>> USE_EVERY_COMMAND = Set.of(CommandLine.HelpCommand.class, TxCommand.class);

    /** The command named by the first argument that is neither a global option nor its value, if it stands alone. */
    private static Class<?> oneShotCommand(CommandSpec rootSpec, String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-")) {
                return COMMANDS.stream().filter(c -> !USE_EVERY_COMMAND.contains(c))
                        .filter(c -> c.getAnnotation(Command.class).name().equals(arg)).findFirst().orElse(null);
            }
            OptionSpec option = rootSpec.findOption(arg);
            if (option != null && option.arity().max() > 0) {
                i++; // the option's value, as in --connect HOST:PORT
            }
        }
        return null;
    }

    /** The printer the global options ask for, built on first use. */
    JsonPrinter printer() {
        if (printer == null) {
            boolean pretty = io.stdoutIsTerminal() && !json;
            boolean color = pretty && !noColor && !io.env().containsKey("NO_COLOR") && !"dumb".equals(io.env().get("TERM"));
            printer = new JsonPrinter(io.out(), io.err(), pretty, color, raw, json);
        }
        return printer;
    }

    /** The session, built from the global options on first use. */
    public Session session() {
        if (session == null) {
            String address = connect != null ? connect : io.env().getOrDefault(Target.ENV, "");
            boolean tlsAddress = address.startsWith(TLS_SCHEME);
            address = tlsAddress ? address.substring(TLS_SCHEME.length()) : address;
            Target target = address.isEmpty() ? new Target(Target.DEFAULT_HOST, Target.DEFAULT_PORT) : Target.parse(address);
            boolean secure = tls || tlsAddress || caFile != null || certFile != null;
            // A daemon started for us would have no certificate: over TLS, only connect.
            session = new Session(io, target, tokenFile, !noAutostart && !secure, timeout,
                    secure ? new TlsOptions(caFile, certFile, keyFile) : null, printer());
        }
        return session;
    }

    /** Runs a command that {@link QuickParser} read, answering what it throws as picocli's handler does. */
    int runQuick(OpCommand command) {
        try {
            return command.run(session());
        } catch (RuntimeException e) {
            return failure(e);
        }
    }

    /** Runs what the global options ask for (a script or the REPL) after {@link QuickParser} read them, as picocli would. */
    int runQuick() {
        try {
            return call();
        } catch (Exception e) {
            return failure(e);
        }
    }

    /**
     * The model of every command: the one picocli parsed the arguments with, or, when {@link
     * QuickParser} read them, one built now and given the same arguments, which picocli's commands
     * rely on having been parsed (their values are already in this object, which keeps them).
     */
    CommandLine model() {
        if (commandLine == null) {
            commandLine(this).parseArgs(quickArguments);
        }
        return commandLine;
    }

    /** Records the arguments {@link QuickParser} read into this object. */
    void readQuickly(String[] arguments) {
        quickArguments = arguments;
    }

    /** Whether the model exists yet. */
    boolean hasModel() {
        return commandLine != null;
    }

    /** Maps what a command threw to a message and an exit code. */
    int failure(Exception e) {
        if (e instanceof UsageException || e instanceof CommandLine.TypeConversionException) {
            printer().error(ShellErrors.USAGE, e.getMessage());
            return ExitCode.USAGE;
        }
        if (e instanceof IOException) {
            return session().unavailable((IOException) e);
        }
        printer().error(ShellErrors.UNEXPECTED, "unexpected failure: " + e);
        return ExitCode.DAEMON_ERROR;
    }

    @Override
    public Integer call() throws IOException {
        Statements statements = new Statements(this, session(), keepGoing);
        if (commands != null) {
            return statements.runText(commands);
        }
        if (file != null && !file.toString().equals("-")) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UsageException("cannot read " + file + ": " + e);
            }
            return statements.runFile(text);
        }
        if (file == null && io.stdinIsTerminal()) {
            return dev.syncdict.shell.terminal.Repl.run(statements);
        }
        // A co-process reads each statement's answer before it sends the next: every statement gives
        // one. Not to a person typing `-f -` at a terminal, who sees each result as a command's.
        if (!io.stdinIsTerminal()) {
            printer().answerEveryStatement(keepGoing);
        }
        return statements.runStream(io.in());
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
    }

    /** Reports the build's version and the Java runtime, which decides how fast the command starts. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return Version.describe("syncdict");
        }
    }
}
