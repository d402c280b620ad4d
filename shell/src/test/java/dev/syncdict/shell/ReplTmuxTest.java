package dev.syncdict.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private TmuxPane pane;

    @BeforeEach
    void startRepl() throws Exception {
        assumeTrue(TmuxPane.available(), "tmux is not installed (.ci/run installs it)");
        processes = new RealProcesses(home);
        pane = TmuxPane.start(processes, "repl", "exec " + TmuxPane.syncdict());
        prompt = "syncdict " + processes.address + ">";
        pane.awaitScreen(prompt);
    }

    @AfterEach
    void stop() throws Exception {
        if (processes != null) {
            pane.close();
            processes.run("daemon", "stop");
            processes.close();
        }
    }

    @Test
    void typedCommandsRunAndPrintPrettyJson() throws Exception {
        type("set cfg {\"port\": 80}");
        type("get cfg");
        pane.awaitScreen("{\n  \"port\": 80\n}");
        type("get missing");
        pane.awaitScreen("syncdict: no value at missing (not_found)");
        type("exit");
        pane.awaitEnd();
        assertThat(Files.readString(home.resolve("state/syncdict/history"), StandardCharsets.UTF_8))
                .contains("set cfg {\"port\": 80}").contains("get cfg");
    }

    @Test
    void ctrlCEndsAnEveryLoopAndReturnsToThePrompt() throws Exception {
        // Slow enough that the lines awaited cannot scroll off the 40-row pane while we poll.
        type("incr visits 1 every 300ms");
        pane.awaitScreenMatching("(?s).*\\n2\\n.*");
        ctrlC();
        type("get visits");
        // After the loop, the prompt is back and the next command runs.
        pane.awaitScreenMatching("(?s).*" + quote(prompt) + " get visits\\n\\d+\\n.*");
        // Ctrl+C at the prompt discards the line and shows a fresh prompt; the shell goes on.
        ctrlC();
        type("ping");
        pane.awaitScreen("\"pong\"");
        pane.keys("C-d");
        pane.awaitEnd();
    }

    @Test
    void aWatchShowsChangesAndCtrlCReturnsToThePrompt() throws Exception {
        type("set n 1");
        type("watch n --snapshot");
        pane.awaitScreen("1 snapshot n 1");
        assertThat(processes.run("incr", "n", "41").exit()).isZero();
        pane.awaitScreen("2 incr n 42");
        ctrlC();
        type("get n");
        pane.awaitScreen(prompt + " get n\n42\n");
    }

    @Test
    void ctrlCAbandonsACommandStuckOnAFrozenDaemon() throws Exception {
        type("set x 1");
        type("get x");
        pane.awaitScreen(prompt + " get x\n1\n");
        long daemon = Long.parseLong(Files.readString(processes.pidFile()).strip());
        signal("-STOP", daemon);
        try {
            type("get x");
            // The command hangs: its line is the last thing on the screen, with no prompt after it.
            pane.awaitScreenMatching("(?s).*\\n1\\n" + quote(prompt) + " get x\\s*");
            ctrlC();
            pane.awaitScreen("syncdict: lost the daemon at " + processes.address);
        } finally {
            signal("-CONT", daemon);
        }
        type("incr x");
        // The prompt says the connection was lost; the next command connects again by itself.
        pane.awaitScreen(prompt.replace(">", " (offline)> ") + "incr x\n2\n");
    }

    @Test
    void tabCompletesALiveKeyOneLevelAtATime() throws Exception {
        type("set users {\"alice\": {\"age\": 3}, \"bob\": 1}");
        awaitPrompt();
        pane.keys("-l", "get users.al");
        pane.keys("Tab");
        pane.awaitScreenMatching("(?s).*" + quote(prompt) + " get users\\.alice\\.\\s*");
        pane.keys("Tab");
        // The finished word takes a space, and the hint beside the line says what may follow.
        pane.awaitScreenMatching("(?s).*" + quote(prompt) + " get users\\.alice\\.age \\[every DURATION\\] \\[times N\\]\\s*");
        pane.keys("Enter");
        pane.awaitScreen(prompt + " get users.alice.age\n3\n");
    }

    @Test
    void aJsonValueGoesOnOverSeveralLines() throws Exception {
        type("set o {\"a\": 1,");
        pane.awaitScreen("...>");
        type("\"b\": [1,");
        type("2]}");
        type("get o");
        pane.awaitScreen("{\n  \"a\": 1,\n  \"b\": [\n    1,\n    2\n  ]\n}");
        assertThat(pane.screen()).doesNotContainPattern("syncdict: (?!started)");
        // Ctrl+C abandons a value still open: nothing is sent.
        type("set p {\"a\":");
        awaitPrompt();
        ctrlC();
        type("get p");
        pane.awaitScreen("syncdict: no value at p (not_found)");
    }

    @Test
    void ctrlCEndsA200msLoopAndGetShowsTheValueReached() throws Exception {
        type("incr x 1 every 200ms");
        // Each result of the loop comes under its time and revision.
        pane.awaitScreenMatching("(?s).*\\n\\d\\d:\\d\\d:\\d\\d\\.\\d rev 3\\n3\\n.*");
        ctrlC();
        // The prompt after ^C starts a line of its own, and the ^C's line is ended, not marked unfinished.
        pane.awaitScreenMatching("(?s).*\\n" + quote(prompt) + "\\s*");
        String shown = pane.screen();
        assertThat(shown).doesNotContain("~");
        java.util.regex.Matcher values = java.util.regex.Pattern.compile("(?m)^(?:\\^C)?(\\d+)$").matcher(shown);
        String reached = null;
        while (values.find()) {
            reached = values.group(1);
        }
        type("get x");
        pane.awaitScreen(prompt + " get x\n" + reached + "\n");
    }

    @Test
    void ctrlCKeepsTheOutputTheTerminalHasNotShownYet() throws Exception {
        // Without noflsh the kernel drops, on Ctrl+C, what the shell wrote and tmux had not read:
        // under load, the last result of a loop whose command ran went missing from the screen.
        assertThat(TmuxPane.output("stty", "-a", "-F", pane.tty())).containsPattern("(^|\\s)noflsh(\\s|$)");
    }

    @Test
    void theCommandAfterDaemonStopWorksOnItsFirstTry() throws Exception {
        type("ping");
        pane.awaitScreen("\"pong\"");
        type("daemon stop");
        pane.awaitScreen("stopped syncdictd at " + processes.address);
        type("incr y");
        // The daemon auto-starts again (memory-only: y starts from nothing).
        pane.awaitScreenMatching("(?s).*incr y\\n.*\\n1\\n" + quote(prompt) + ".*");
        assertThat(pane.screen()).doesNotContain("lost the daemon");
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
        pane.keys("C-c");
        pane.awaitScreen("a new prompt alone on the last line",
                shown -> countPrompts(shown) > prompts && shown.matches("(?s).*\\nsyncdict[^\\n>]*>"));
    }

    /**
     * Types a line as a person does: once a prompt (or a value's continuation prompt) waits alone on
     * the last line. Keys sent while the shell is still drawing its prompt could be taken into
     * that drawing, which showed as a line split across two prompts and a lost Ctrl+C.
     */
    private void type(String line) throws IOException, InterruptedException {
        awaitPrompt();
        pane.type(line);
    }

    private void awaitPrompt() {
        pane.awaitScreen("a prompt waiting for input", shown -> shown.matches("(?s)(.*\\n)?(syncdict[^\\n>]*>|\\s*\\.\\.\\.>)"));
    }

    private int prompts() throws IOException, InterruptedException {
        return countPrompts(pane.screen());
    }

    private static int countPrompts(String shown) {
        return shown.split("syncdict[^\\n>]*>", -1).length - 1;
    }

    private static String quote(String text) {
        return java.util.regex.Pattern.quote(text);
    }
}
