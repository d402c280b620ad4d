package dev.syncdict.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Waits for a process that is not this one's child to exit. {@code ProcessHandle.onExit()} cannot
 * serve: for such a process it polls every 300 ms and more, and it counts a zombie (exited, not yet
 * reaped by its parent, which for a background daemon is whatever reaps orphans, sometimes seconds
 * later) as alive. Linux offers no exit notification for a non-child that Java can reach, so this
 * reads the process's state in /proc every few milliseconds.
 */
public final class ProcessExit {

    private static final long POLL_MILLIS = 5;

    private ProcessExit() {}

    /** Whether the process exited within the timeout. */
    public static boolean await(long pid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (running(pid)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }

    /** Whether the process runs: it exists and is neither a zombie nor dead. */
    static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII);
            // "pid (command) state ...": the command may itself hold spaces and parentheses.
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (NoSuchFileException gone) {
            return false;
        } catch (IOException | RuntimeException noProc) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }
}
