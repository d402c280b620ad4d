package dev.syncdict.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import dev.syncdict.protocol.Version;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The checked-in completion script and man pages are what the current commands generate. After
 * changing a command, regenerate them with:
 * {@code mvn -pl shell -am test -Dtest=GeneratedArtifactsTest -Dsurefire.failIfNoSpecifiedTests=false -Dsyncdict.regenerate=true}
 */
class GeneratedArtifactsTest {

    private static CommandLine shell() {
        return SyncdictCommand.commandLine(new SyncdictCommand(ShellIo.system()));
    }

    @Test
    void completionScriptsMatchTheCommands() throws Exception {
        check(Path.of("../completion/syncdict.bash"), CompletionScripts.bash(shell()));
        check(Path.of("../completion/_syncdict"), CompletionScripts.zsh(shell()));
        check(Path.of("../completion/syncdict.fish"), CompletionScripts.fish(shell()));
    }

    @Test
    void theQuickParsersTableMatchesTheCommands() throws Exception {
        check(Path.of("src/main/java/dev/syncdict/shell/QuickTable.java"), QuickParserTable.source(shell()));
    }

    @Test
    void theShellManPageMatchesTheCommands() throws Exception {
        Map<String, List<String>> extra = new LinkedHashMap<>();
        extra.put("SCRIPTS", List.of(
                "One command per line or separated by ';'. '#' starts a comment. Single quotes work as in a Unix shell;"
                        + " a double-quoted word keeps its quotes, since JSON values and paths both read it as one string;"
                        + " a word starting with '{' or '[' runs to its matching bracket, across spaces and lines.",
                "Statements already waiting on standard input or in -f FILE go to the daemon without waiting for each other's"
                        + " replies, which print in statement order; before it waits for more input, syncdict prints every reply"
                        + " it owes, so a co-process that sends a statement and reads its result gets the result at once. Without"
                        + " --keep-going the daemon applies nothing after the first statement that fails (the statements form a"
                        + " chain), so the script stops there with the output and exit status it would have had waiting for each"
                        + " reply.",
                "Read from standard input that is not a terminal, every statement answers on standard output: one without"
                        + " a value (set, del, load) with \"OK\", as redis-cli does, so a co-process can read one line after each"
                        + " statement (a tx gives one per op, times N one per run, keys --raw one per key). Under --keep-going a"
                        + " failure answers there with its error as JSON too; without it the failure ends syncdict, and the end of"
                        + " the output is the answer. With -c or -f FILE, set, del and load print nothing.",
                "If the connection to the daemon is lost while statements are in flight, syncdict stops and names the line"
                        + " from which on it is unknown whether the statements sent ran; nothing after them was sent."));
        extra.put("INTERACTIVE SHELL", interactiveShell());
        extra.put("FILES", List.of(
                "$XDG_CONFIG_HOME/syncdict/token: the token (mode 0600), created by the daemon on its first start.",
                "$XDG_STATE_HOME/syncdict/history: the interactive shell's history.",
                "$XDG_STATE_HOME/syncdict/syncdictd.log, syncdictd.pid: a background daemon's log and pid.",
                "$XDG_RUNTIME_DIR/syncdict/autostart.lock: held while a shell starts a daemon."));
        extra.put("SEE ALSO", List.of("syncdictd(8); the protocol: docs/PROTOCOL.md in the source."));
        check(Path.of("../man/syncdict.1"), ManPage.render(shell(), 1, "syncdict " + Version.VERSION, extra));
    }

    @Test
    void theDaemonManPageMatchesItsOptions() throws Exception {
        Map<String, List<String>> extra = new LinkedHashMap<>();
        extra.put("SIGNALS", List.of("SIGTERM and SIGINT stop the daemon cleanly, as the shutdown request does."));
        extra.put("LOG", List.of(
                "One line per event on standard error: the start (address, version, persistence), the stop and its reason,"
                        + " refused connections and handshakes with the peer's address (never what it sent), and errors."
                        + " A daemon started by syncdict writes it to $XDG_STATE_HOME/syncdict/syncdictd.log; under systemd"
                        + " it goes to the journal (the syncdictd.service user unit that install.sh installs)."));
        extra.put("FILES", List.of(
                "$XDG_DATA_HOME/syncdict/ (or --data-dir), mode 0700: wal-REVISION.log, the write-ahead log in segments named"
                        + " by their first revision; snapshot-REVISION.snap, the newest snapshot; syncdictd.lock, held by the daemon"
                        + " that owns the folder (with its pid); *.corrupt, what --salvage set aside.",
                "$XDG_CONFIG_HOME/syncdict/token: the token (mode 0600), created on the first start."));
        extra.put("SEE ALSO", List.of("syncdict(1); the protocol: docs/PROTOCOL.md in the source."));
        check(Path.of("../man/syncdictd.8"),
                ManPage.render(new CommandLine(new dev.syncdict.daemon.Syncdictd(Map.of())), 8, "syncdictd " + Version.VERSION, extra));
    }

    /** The REPL's own commands, from its command model. */
    private static List<String> interactiveShell() {
        List<String> lines = new java.util.ArrayList<>(List.of(
                "With no COMMAND and no script, on a terminal, syncdict reads commands one line at a time. Tab completes"
                        + " commands, options, durations and key paths, fetched live from the daemon one level at a time;"
                        + " a JSON value or quote left open goes on over the next lines; Ctrl+C ends a loop or abandons a"
                        + " line. The prompt shows the address when it is not the default, the path set by use, and"
                        + " (offline) when the daemon went away; the next command reconnects by itself.",
                "Besides the commands above:"));
        CommandLine oneShot = shell();
        CommandLine repl = shell();
        ReplVerbs.install(repl, new ReplVerbs.Screen() {
            @Override
            public void clear() {}

            @Override
            public void exit() {}
        });
        repl.getSubcommands().forEach((name, verb) -> {
            boolean own = !oneShot.getSubcommands().containsKey(name) || name.equals("help");
            if (own && name.equals(verb.getCommandName())) {
                StringBuilder usage = new StringBuilder(name);
                verb.getCommandSpec().positionalParameters().forEach(p ->
                        usage.append(p.arity().min == 0 ? " [" + p.paramLabel() + "]" : " " + p.paramLabel()));
                lines.add(usage + ": " + verb.getCommandSpec().usageMessage().description()[0]);
            }
        });
        return lines;
    }

    private static void check(Path file, String generated) throws Exception {
        if (Boolean.getBoolean("syncdict.regenerate")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .as("%s is stale; regenerate it (see this test's Javadoc)", file)
                .isEqualTo(generated);
    }
}
