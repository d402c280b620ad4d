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
    /** The prompt, which names the address since the test's daemon is not at the default one. */
    private String prompt;
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
        prompt = "syncdict " + processes.address + ">";
        awaitScreen(prompt);
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
        awaitScreenMatching("(?s).*" + quote(prompt) + " get visits\\n\\d+\\n.*");
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
        awaitScreen(prompt + " get n\n42\n");
    }

    @Test
    void ctrlCAbandonsACommandStuckOnAFrozenDaemon() throws Exception {
        type("set x 1");
        type("get x");
        awaitScreen(prompt + " get x\n1\n");
        long daemon = Long.parseLong(Files.readString(processes.pidFile()).strip());
        signal("-STOP", daemon);
        try {
            type("get x");
            // The command hangs: its line is the last thing on the screen, with no prompt after it.
            awaitScreenMatching("(?s).*\\n1\\n" + quote(prompt) + " get x\\s*");
            ctrlC();
            awaitScreen("syncdict: lost the daemon at " + processes.address);
        } finally {
            signal("-CONT", daemon);
        }
        type("incr x");
        // The prompt says the connection was lost; the next command connects again by itself.
        awaitScreen(prompt.replace(">", " (offline)> ") + "incr x\n2\n");
    }

    @Test
    void tabCompletesALiveKeyOneLevelAtATime() throws Exception {
        type("set users {\"alice\": {\"age\": 3}, \"bob\": 1}");
        tmux("send-keys", "-t", session, "-l", "get users.al");
        tmux("send-keys", "-t", session, "Tab");
        awaitScreenMatching("(?s).*" + quote(prompt) + " get users\\.alice\\.\\s*");
        tmux("send-keys", "-t", session, "Tab");
        // The finished word takes a space, and the hint beside the line says what may follow.
        awaitScreenMatching("(?s).*" + quote(prompt) + " get users\\.alice\\.age \\[every DURATION\\] \\[times N\\]\\s*");
        tmux("send-keys", "-t", session, "Enter");
        awaitScreen(prompt + " get users.alice.age\n3\n");
    }

    @Test
    void aJsonValueGoesOnOverSeveralLines() throws Exception {
        type("set o {\"a\": 1,");
        awaitScreen("...>");
        type("\"b\": [1,");
        type("2]}");
        type("get o");
        awaitScreen("{\n  \"a\": 1,\n  \"b\": [\n    1,\n    2\n  ]\n}");
        assertThat(screen()).doesNotContainPattern("syncdict: (?!started)");
        // Ctrl+C abandons a value still open: nothing is sent.
        type("set p {\"a\":");
        ctrlC();
        type("get p");
        awaitScreen("syncdict: no value at p (not_found)");
    }

    @Test
    void ctrlCEndsA200msLoopAndGetShowsTheValueReached() throws Exception {
        type("incr x 1 every 200ms");
        // Each result of the loop comes under its time and revision.
        awaitScreenMatching("(?s).*\\n\\d\\d:\\d\\d:\\d\\d\\.\\d rev 3\\n3\\n.*");
        ctrlC();
        // The prompt after ^C starts a line of its own, and the ^C's line is ended, not marked unfinished.
        awaitScreenMatching("(?s).*\\n" + quote(prompt) + "\\s*");
        String shown = screen();
        assertThat(shown).doesNotContain("~");
        java.util.regex.Matcher values = java.util.regex.Pattern.compile("(?m)^(?:\\^C)?(\\d+)$").matcher(shown);
        String reached = null;
        while (values.find()) {
            reached = values.group(1);
        }
        type("get x");
        awaitScreen(prompt + " get x\n" + reached + "\n");
    }

    @Test
    void ctrlCKeepsTheOutputTheTerminalHasNotShownYet() throws Exception {
        // Without noflsh the kernel drops, on Ctrl+C, what the shell wrote and tmux had not read:
        // under load, the last result of a loop whose command ran went missing from the screen.
        String tty = tmuxOutput("display-message", "-p", "-t", session, "#{pane_tty}").strip();
        assertThat(commandOutput("stty", "-a", "-F", tty)).containsPattern("(^|\\s)noflsh(\\s|$)");
    }

    @Test
    void theCommandAfterDaemonStopWorksOnItsFirstTry() throws Exception {
        type("ping");
        awaitScreen("\"pong\"");
        type("daemon stop");
        awaitScreen("stopped syncdictd at " + processes.address);
        type("incr y");
        // The daemon auto-starts again (memory-only: y starts from nothing).
        awaitScreenMatching("(?s).*incr y\\n.*\\n1\\n" + quote(prompt) + ".*");
        assertThat(screen()).doesNotContain("lost the daemon");
    }

    private static void signal(String which, long pid) throws IOException, InterruptedException {
        new ProcessBuilder("kill", which, String.valueOf(pid)).inheritIO().start().waitFor();
    }

    /**
     * Presses Ctrl+C and, as a person would, waits for the next prompt before typing on: one more
     * prompt than before, alone on the last line (a redraw of the line being edited can show an
     * extra prompt above it for a moment).
     */
    private void ctrlC() throws IOException, InterruptedException {
        int prompts = prompts();
        tmux("send-keys", "-t", session, "C-c");
        awaitScreen("a new prompt alone on the last line", shown -> countPrompts(shown) > prompts && shown.matches("(?s).*\\nsyncdict[^\\n>]*>"));
    }

    private int prompts() throws IOException, InterruptedException {
        return countPrompts(screen());
    }

    private static int countPrompts(String shown) {
        return shown.split("syncdict[^\\n>]*>", -1).length - 1;
    }

    private void type(String line) throws IOException, InterruptedException {
        tmux("send-keys", "-t", session, "-l", line);
        tmux("send-keys", "-t", session, "Enter");
    }

    private void awaitScreen(String text) {
        awaitScreenMatching("(?s).*" + quote(text) + ".*");
    }

    private static String quote(String text) {
        return java.util.regex.Pattern.quote(text);
    }

    private void awaitScreenMatching(String regex) {
        awaitScreen("a screen matching " + regex, shown -> shown.matches(regex));
    }

    /** Waits for the screen to show what is wanted; on a timeout, the failure shows the screen as it was. */
    private void awaitScreen(String wanted, java.util.function.Predicate<String> shows) {
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> shows.test(screen()));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            String shown;
            try {
                shown = screen();
            } catch (IOException | InterruptedException unreadable) {
                shown = "(unreadable: " + unreadable + ")";
            }
            throw new AssertionError("the screen never showed " + wanted + "; it shows:\n" + shown, e);
        }
    }

    private void awaitSessionEnd() {
        await().atMost(Duration.ofSeconds(20)).until(() -> tmuxExit("has-session", "-t", session) != 0);
    }

    private String screen() throws IOException, InterruptedException {
        String text = tmuxOutput("capture-pane", "-p", "-t", session);
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            lines.add(line.stripTrailing());
        }
        return String.join("\n", lines);
    }

    private static String tmuxOutput(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux"));
        command.addAll(List.of(args));
        return commandOutput(command.toArray(new String[0]));
    }

    private static String commandOutput(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return text;
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
