package dev.syncdict.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A one-shot command in a real pseudo-terminal (tmux), as a user runs it from a shell. */
class OneShotTmuxTest {

    @TempDir
    Path home;

    private RealProcesses processes;
    private TmuxPane pane;

    @AfterEach
    void stop() throws Exception {
        if (pane != null) {
            pane.close();
        }
        if (processes != null) {
            processes.run("daemon", "stop");
            processes.close();
        }
    }

    @Test
    void anEveryLoopKeepsItsLastOutputOnCtrlCAndLeavesTheTerminalAsItWas() throws Exception {
        assumeTrue(TmuxPane.available(), "tmux is not installed (.ci/run installs it)");
        processes = new RealProcesses(home);
        // The script outlives the loop (Ctrl+C runs a trap instead of ending it; cat then holds the
        // pane open) to show the terminal's flag once the loop is over.
        pane = TmuxPane.start(processes, "oneshot", "trap : INT", TmuxPane.syncdict("incr", "n", "1", "every", "300ms"),
                "echo \"after the loop: $(stty -a | grep -o -- '-*noflsh')\"", "exec cat");
        pane.awaitScreenMatching("(?s).*\\n2\\n.*");
        // Without noflsh the kernel drops, on Ctrl+C, what the loop wrote and tmux had not read yet.
        String tty = pane.tty();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(TmuxPane.output("stty", "-a", "-F", tty)).containsPattern("(^|\\s)noflsh(\\s|$)"));
        pane.keys("C-c");
        pane.awaitScreen("after the loop: -noflsh");
    }
}
