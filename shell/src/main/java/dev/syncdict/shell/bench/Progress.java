package dev.syncdict.shell.bench;

import java.io.PrintWriter;

/** One line of live progress on a terminal, rewritten in place about once a second; silent elsewhere. */
final class Progress {

    private final PrintWriter terminal;
    private int lastLength;

    /** Progress written to {@code terminal}, or nowhere when it is null. */
    Progress(PrintWriter terminal) {
        this.terminal = terminal;
    }

    void show(String what, long done, long elapsedNanos, long doneInLastTick, long tickNanos) {
        if (terminal == null) {
            return;
        }
        String line = String.format("%s: %,d requests in %.1f s, %,.0f ops/s now", what, done, elapsedNanos / 1e9,
                doneInLastTick / (tickNanos / 1e9));
        terminal.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        terminal.flush();
        lastLength = line.length();
    }

    /** Clears the line, so the report starts on a clean one. */
    void clear() {
        if (terminal != null && lastLength > 0) {
            terminal.print("\r" + " ".repeat(lastLength) + "\r");
            terminal.flush();
            lastLength = 0;
        }
    }
}
