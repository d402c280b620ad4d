package dev.syncdict.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bash script keeps one syncdict as a co-process and talks to it over a pipe pair, one statement
 * at a time: each answer must come as soon as its statement is done, or the script would wait forever.
 */
@Timeout(180)
class CoprocessTest {

    /** Sends a statement, reads its answer before sending the next; read -t fails the script if no answer comes. */
    private static final String SCRIPT = String.join("\n",
            "set -u",
            "coproc SD { exec \"$@\"; }",
            "for i in $(seq 1000); do",
            "  echo 'incr n' >&\"${SD[1]}\"",
            "  read -r -t 30 answer <&\"${SD[0]}\" || { echo \"no answer to statement $i\" >&2; exit 1; }",
            "  [ \"$answer\" = \"$i\" ] || { echo \"statement $i was answered $answer\" >&2; exit 1; }",
            "done",
            "echo 'get n' >&\"${SD[1]}\"",
            "read -r -t 30 last <&\"${SD[0]}\"",
            "exec {SD[1]}>&-",
            "wait \"$SD_PID\"",
            "echo \"$last\"",
            "");

    @TempDir
    Path home;

    private RealProcesses processes;

    @BeforeEach
    void setUp() throws Exception {
        processes = new RealProcesses(home);
    }

    @AfterEach
    void tearDown() throws Exception {
        processes.run("daemon", "stop");
        processes.close();
    }

    @Test
    void aBashCoprocessGetsEachAnswerBeforeSendingTheNextStatement() throws Exception {
        assertThat(processes.run("set", "n", "0").exit()).isZero();
        List<String> command = new java.util.ArrayList<>(List.of("bash", "-c", SCRIPT, "coprocess"));
        command.addAll(RealProcesses.shellCommand());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(processes.env);
        RealProcesses.Finished run = RealProcesses.finish(builder.start());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("1000\n");
    }
}
