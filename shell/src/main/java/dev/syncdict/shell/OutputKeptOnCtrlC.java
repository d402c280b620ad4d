package dev.syncdict.shell;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * While open, the terminal that standard output writes to keeps, on Ctrl+C, the output already
 * written but not yet shown: without the terminal's NOFLSH flag the kernel discards it, and the
 * last result of an {@code every} loop or a watch, whose command ran, could vanish from the
 * screen (under load, or behind tmux or a slow ssh link). The REPL sets the flag through JLine,
 * which a one-shot command must not load (STACK.md section 3b), so this runs {@code stty} on that
 * terminal: only when the process is in the terminal's foreground (a background job that changes
 * it is stopped by SIGTTOU) and the flag is not already set; closing clears it again.
 */
final class OutputKeptOnCtrlC implements AutoCloseable, Runnable {

    private static final String STDOUT = "/proc/self/fd/1";
    /** stty answers at once; a terminal that does not is left alone rather than waited for. */
    private static final long STTY_SECONDS = 2;
    private static final Pattern FLAG_OFF = Pattern.compile("(^|\\s)-noflsh(\\s|$)");

    /** Standard output's terminal, when this process is in its foreground; else null, and nothing to do. */
    private final File terminal;
    private final Thread setter;
    /** Whether the setter set the flag, which closing then clears. */
    private volatile boolean set;

    private OutputKeptOnCtrlC(File terminal) {
        this.terminal = terminal;
        if (terminal == null) {
            setter = null;
            return;
        }
        // On a thread of its own: the first process a JVM starts takes milliseconds, or on a busy
        // machine a second and more, which the loop's first run must not wait for (a fixed-rate
        // loop would then catch up in a burst).
        setter = new Thread(this, "syncdict-noflsh");
        setter.setDaemon(true);
        setter.start();
    }

    /** Sets NOFLSH on standard output's terminal when it is one, ours in the foreground, and the flag is off. */
    static OutputKeptOnCtrlC open() {
        return new OutputKeptOnCtrlC(foregroundTerminalOfStdout());
    }

    @Override
    public void run() {
        String settings = stty(terminal, "-a");
        set = settings != null && flushesOnCtrlC(settings) && stty(terminal, "noflsh") != null;
    }

    @Override
    public void close() {
        if (setter == null) {
            return;
        }
        try {
            setter.join(TimeUnit.SECONDS.toMillis(2 * STTY_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (set) {
            stty(terminal, "-noflsh");
        }
    }

    /** Standard output's terminal when this process is in its foreground process group, else null. */
    private static File foregroundTerminalOfStdout() {
        if (!Terminals.isTerminal(1)) {
            return null;
        }
        try {
            Path device = Files.readSymbolicLink(Path.of(STDOUT));
            return inForeground(Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII))
                    ? device.toFile() : null;
        } catch (IOException | UnsupportedOperationException notLinux) {
            return null;
        }
    }

    /**
     * Whether a {@code /proc/PID/stat} line says the process's group is its terminal's foreground
     * group: after the command name in parentheses come state, parent, group, session, terminal
     * and the terminal's foreground group.
     */
    static boolean inForeground(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return fields.length > 5 && fields[2].equals(fields[5]);
    }

    /** Whether {@code stty -a} output shows the flag off ({@code -noflsh}), which is the default. */
    static boolean flushesOnCtrlC(String settings) {
        return FLAG_OFF.matcher(settings).find();
    }

    /** Runs stty with the terminal as its standard input; returns what it printed, or null when it failed. */
    private static String stty(File terminal, String argument) {
        try {
            Process stty = new ProcessBuilder(List.of("stty", argument)).redirectInput(terminal)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            // Waited for before reading: its output fits the pipe, and a stopped stty must not block us.
            if (!stty.waitFor(STTY_SECONDS, TimeUnit.SECONDS)) {
                stty.destroyForcibly();
                return null;
            }
            String out = new String(stty.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return stty.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
