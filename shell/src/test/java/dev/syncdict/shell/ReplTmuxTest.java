package dev.syncdict.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REPL in a real pseudo-terminal (tmux), driven by keystrokes and read off the screen. */
class ReplTmuxTest {

    @TempDir
    Path home;

    private RealProcesses processes;
    private final String session = "syncdict-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

    @BeforeEach
    void startRepl() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tmux")), "tmux is not installed (.ci/run installs it)");
        processes = new RealProcesses(home);
        Path script = home.resolve("repl.sh");
        StringBuilder text = new StringBuilder("#!/bin/sh\n");
        for (Map.Entry<String, String> entry : processes.env.entrySet()) {
            text.append("export ").append(entry.getKey()).append("='").append(entry.getValue()).append("'\n");
        }
        text.append("export TERM=xterm-256color NO_COLOR=1\n");
        text.append("exec '").append(ProcessHandle.current().info().command().orElse("java")).append("' -cp '")
                .append(System.getProperty("java.class.path")).append("' dev.syncdict.shell.Main\n");
        Files.writeString(script, text.toString());
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", script.toString());
        awaitScreen("syncdict>");
    }

    @AfterEach
    void stop() throws Exception {
        if (processes != null) {
            tmux("kill-session", "-t", session);
            processes.run("daemon", "stop");
            processes.close();
        }
    }

    @Test
    void typedCommandsRunAndPrintPrettyJson() throws Exception {
        type("set cfg {\"port\": 80}");
        type("get cfg");
        awaitScreen("{\n  \"port\": 80\n}");
        type("get missing");
        awaitScreen("syncdict: no value at missing (not_found)");
        type("exit");
        awaitSessionEnd();
        assertThat(Files.readString(home.resolve("state/syncdict/history"), StandardCharsets.UTF_8))
                .contains("set cfg {\"port\": 80}").contains("get cfg");
    }

    @Test
    void ctrlCEndsAnEveryLoopAndReturnsToThePrompt() throws Exception {
        // Slow enough that the lines awaited cannot scroll off the 40-row pane while we poll.
        type("incr visits 1 every 300ms");
        awaitScreenMatching("(?s).*\\n2\\n.*");
        ctrlC();
        type("get visits");
        // After the loop, the prompt is back and the next command runs.
        awaitScreenMatching("(?s).*syncdict> get visits\\n\\d+\\n.*");
        // Ctrl+C at the prompt discards the line and shows a fresh prompt; the shell goes on.
        ctrlC();
        type("ping");
        awaitScreen("\"pong\"");
        tmux("send-keys", "-t", session, "C-d");
        awaitSessionEnd();
    }

    @Test
    void aWatchShowsChangesAndCtrlCReturnsToThePrompt() throws Exception {
        type("set n 1");
        type("watch n --snapshot");
        awaitScreen("1 snapshot n 1");
        assertThat(processes.run("incr", "n", "41").exit()).isZero();
        awaitScreen("2 incr n 42");
        ctrlC();
        type("get n");
        awaitScreenMatching("(?s).*syncdict> get n\\n42\\n.*");
    }

    @Test
    void ctrlCAbandonsACommandStuckOnAFrozenDaemon() throws Exception {
        type("set x 1");
        type("get x");
        awaitScreen("syncdict> get x\n1\n");
        long daemon = Long.parseLong(Files.readString(processes.pidFile()).strip());
        signal("-STOP", daemon);
        try {
            type("get x");
            // The command hangs: its line is the last thing on the screen, with no prompt after it.
            awaitScreenMatching("(?s).*\\n1\\nsyncdict> get x\\s*");
            ctrlC();
            awaitScreen("syncdict: lost the daemon at " + processes.address);
        } finally {
            signal("-CONT", daemon);
        }
        type("incr x");
        awaitScreen("syncdict> incr x\n2\n");
    }

    private static void signal(String which, long pid) throws IOException, InterruptedException {
        new ProcessBuilder("kill", which, String.valueOf(pid)).inheritIO().start().waitFor();
    }

    /** Presses Ctrl+C and, as a person would, waits for the next prompt before typing on. */
    private void ctrlC() throws IOException, InterruptedException {
        int prompts = prompts();
        tmux("send-keys", "-t", session, "C-c");
        await().atMost(Duration.ofSeconds(30)).until(() -> prompts() > prompts);
    }

    private int prompts() throws IOException, InterruptedException {
        return screen().split("syncdict>", -1).length - 1;
    }

    private void type(String line) throws IOException, InterruptedException {
        tmux("send-keys", "-t", session, "-l", line);
        tmux("send-keys", "-t", session, "Enter");
    }

    private void awaitScreen(String text) {
        awaitScreenMatching("(?s).*" + java.util.regex.Pattern.quote(text) + ".*");
    }

    /** Waits for the screen to match; on a timeout, the failure shows the screen as it was. */
    private void awaitScreenMatching(String regex) {
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> screen().matches(regex));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            String shown;
            try {
                shown = screen();
            } catch (IOException | InterruptedException unreadable) {
                shown = "(unreadable: " + unreadable + ")";
            }
            throw new AssertionError("the screen never matched " + regex + "; it shows:\n" + shown, e);
        }
    }

    private void awaitSessionEnd() {
        await().atMost(Duration.ofSeconds(20)).until(() -> tmuxExit("has-session", "-t", session) != 0);
    }

    private String screen() throws IOException, InterruptedException {
        Process capture = new ProcessBuilder("tmux", "capture-pane", "-p", "-t", session).redirectErrorStream(true).start();
        String text = new String(capture.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        capture.waitFor();
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            lines.add(line.stripTrailing());
        }
        return String.join("\n", lines);
    }

    private static void tmux(String... args) throws IOException, InterruptedException {
        tmuxExit(args);
    }

    private static int tmuxExit(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }
}
