package dev.syncdict.shell;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** A script of a test's running in a real pseudo-terminal (a tmux session): keys go in, the screen comes out. */
final class TmuxPane implements AutoCloseable {

    private final String session;

    private TmuxPane(String session) {
        this.session = session;
    }

    /** Whether tmux is installed (.ci/run installs it). */
    static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/tmux"));
    }

    /**
     * Starts a 120 by 40 pane running a script of these lines, after the processes' environment and
     * an xterm's TERM without colors.
     */
    static TmuxPane start(RealProcesses processes, String name, String... lines) throws IOException, InterruptedException {
        StringBuilder text = new StringBuilder("#!/bin/sh\n");
        for (Map.Entry<String, String> entry : processes.env.entrySet()) {
            text.append("export ").append(entry.getKey()).append("='").append(entry.getValue()).append("'\n");
        }
        text.append("export TERM=xterm-256color NO_COLOR=1\n");
        for (String line : lines) {
            text.append(line).append('\n');
        }
        Path script = processes.home.resolve(name + ".sh");
        Files.writeString(script, text.toString());
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        TmuxPane pane = new TmuxPane("syncdict-" + name + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        tmux("new-session", "-d", "-s", pane.session, "-x", "120", "-y", "40", script.toString());
        return pane;
    }

    /** The script line that runs the shell in this JVM's classpath with these arguments. */
    static String syncdict(String... args) {
        List<String> words = new ArrayList<>(RealProcesses.shellCommand());
        words.addAll(List.of(args));
        return String.join(" ", words.stream().map(word -> "'" + word + "'").toList());
    }

    /** Sends tmux key names (Enter, C-c, Tab) or, after "-l", literal text. */
    void keys(String... keys) throws IOException, InterruptedException {
        if (keys.length > 0) {
            List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
            args.addAll(List.of(keys));
            tmux(args.toArray(new String[0]));
        }
    }

    /** Types a line and Enter. */
    void type(String line) throws IOException, InterruptedException {
        keys("-l", line);
        keys("Enter");
    }

    /** The pane's terminal device, for stty -F. */
    String tty() throws IOException, InterruptedException {
        return output("tmux", "display-message", "-p", "-t", session, "#{pane_tty}").strip();
    }

    /** What the pane shows, without trailing blanks. */
    String screen() throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>();
        for (String line : output("tmux", "capture-pane", "-p", "-t", session).split("\n")) {
            lines.add(line.stripTrailing());
        }
        return String.join("\n", lines);
    }

    void awaitScreen(String text) {
        awaitScreenMatching("(?s).*" + Pattern.quote(text) + ".*");
    }

    void awaitScreenMatching(String regex) {
        awaitScreen("a screen matching " + regex, shown -> shown.matches(regex));
    }

    /** Waits for the screen to show what is wanted; on a timeout, the failure shows the screen as it was. */
    void awaitScreen(String wanted, Predicate<String> shows) {
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> shows.test(screen()));
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

    /** Waits for the script to end, which ends the session. */
    void awaitEnd() {
        await().atMost(Duration.ofSeconds(20)).until(() -> tmux("has-session", "-t", session) != 0);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        tmux("kill-session", "-t", session);
    }

    /** What a command printed, standard error included. */
    static String output(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return text;
    }

    private static int tmux(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }
}
