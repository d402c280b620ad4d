package dev.syncdict.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checked-in completion scripts, loaded by the shells they are for, complete a live key from a
 * real daemon through {@code syncdict __complete}, as a person's Tab would.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CompletionScriptsTest {

    @TempDir
    Path home;

    private ShellHarness shell;
    private Path bin;

    @BeforeEach
    void daemonWithKeys() throws Exception {
        shell = new ShellHarness(home);
        shell.run("set", "users", "{\"alice\": {\"age\": 3}, \"bob\": 1}");
        shell.run("set", "user:7", "1");
        // The scripts call `syncdict` from PATH: a launcher for this build, pointed at the test daemon.
        bin = Files.createDirectories(home.resolve("bin"));
        StringBuilder launcher = new StringBuilder("#!/bin/sh\n");
        shell.env.forEach((name, value) -> launcher.append("export ").append(name).append("='").append(value).append("'\n"));
        launcher.append("exec '").append(ProcessHandle.current().info().command().orElse("java")).append("' -cp '")
                .append(System.getProperty("java.class.path")).append("' dev.syncdict.shell.Main \"$@\"\n");
        Path syncdict = bin.resolve("syncdict");
        Files.writeString(syncdict, launcher);
        Files.setPosixFilePermissions(syncdict, PosixFilePermissions.fromString("rwx------"));
    }

    @AfterEach
    void stop() {
        shell.close();
    }

    @Test
    void bashCompletesALiveKey() throws Exception {
        String script = "source ../completion/syncdict.bash\n"
                + "complete -p syncdict\n"
                + "tab() { COMP_LINE=$1; COMP_POINT=${#COMP_LINE}; shift; COMP_WORDS=(\"$@\"); COMP_CWORD=$(( $# - 1 ));"
                + " _syncdict; printf '[%s]\\n' \"${COMPREPLY[@]}\"; echo --; }\n"
                + "tab 'syncdict get us' syncdict get us\n"
                + "tab 'syncdict get users.' syncdict get users.\n"
                + "tab 'syncdict get users.al' syncdict get users.al\n"
                + "tab 'syncdict get user:' syncdict get user :\n"
                + "tab 'syncdict get use' syncdict get use\n"
                + "tab 'syncdict get users.bob ' syncdict get users.bob ''\n";
        assertThat(run("bash", "--norc", "--noprofile", "-c", script)).isEqualTo(String.join("\n",
                "complete -F _syncdict syncdict",
                "[user:7]", "[users]", "--",
                "[users.alice]", "[users.bob]", "--",
                "[users.alice.]", "--",
                // bash replaces only what follows its word break ':'.
                "[:7 ]", "--",
                "[user:7]", "[users]", "--",
                "[every ]", "[times ]", "--", ""));
    }

    @Test
    void fishCompletesALiveKey() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/fish")), "fish is not installed (.ci/run installs it)");
        String script = "source ../completion/syncdict.fish\n"
                + "complete -C 'syncdict get users.'\n"
                + "echo next\n"
                + "complete -C 'syncdict ge'\n";
        assertThat(run("fish", "--no-config", "-c", script)).isEqualTo(String.join("\n",
                "users.alice", "users.bob", "next", "get\tPrint the value at PATH (exit 1 when there is none).", ""));
    }

    @Test
    void zshCompletesALiveKey() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/zsh")) && Files.isExecutable(Path.of("/usr/bin/tmux")),
                "zsh or tmux is not installed (.ci/run installs them)");
        // zsh completes only in its line editor: type into a real one, in tmux.
        String session = "syncdict-zsh-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Path rc = Files.createDirectories(home.resolve("zdot")).resolve(".zshrc");
        Files.writeString(rc, "PATH='" + bin + "':$PATH\nPS1='zsh> '\nfpath=('" + Path.of("../completion").toAbsolutePath()
                + "' $fpath)\nautoload -U compinit && compinit -u\n");
        run("tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "20", "env", "ZDOTDIR=" + rc.getParent(), "zsh", "-i");
        try {
            awaitScreen(session, "zsh>");
            run("tmux", "send-keys", "-t", session, "-l", "syncdict get users.al");
            run("tmux", "send-keys", "-t", session, "Tab");
            awaitScreen(session, "zsh> syncdict get users.alice.");
        } finally {
            run("tmux", "kill-session", "-t", session);
        }
    }

    private void awaitScreen(String session, String text) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> run("tmux", "capture-pane", "-p", "-t", session), screen -> screen.contains(text));
    }

    private String run(String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
