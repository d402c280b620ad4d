package dev.syncdict.shell.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's CPU time and resident memory, as Linux's {@code /proc} tells them: the figures that
 * speak of a server alone on a machine whose cores the load generator shares.
 */
final class ProcessStats {

    /**
     * {@code /proc/PID/stat} counts CPU time in clock ticks of USER_HZ, which Linux fixes at 100 per
     * second on every architecture it exports to user space this way (sysconf(_SC_CLK_TCK)).
     */
    private static final long NANOS_PER_TICK = 10_000_000;

    private final long pid;

    ProcessStats(long pid) {
        this.pid = pid;
    }

    /** This process: the load generator itself. */
    static ProcessStats self() {
        return new ProcessStats(ProcessHandle.current().pid());
    }

    /** Whether /proc describes the process (it runs on this machine, in this PID namespace). */
    boolean readable() {
        return Files.isReadable(Path.of("/proc/" + pid + "/stat"));
    }

    long pid() {
        return pid;
    }

    /** User plus system CPU time of all its threads so far, in nanoseconds (10 ms resolution). */
    long cpuNanos() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        // The command name, in parentheses, may hold spaces: count fields from the last ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // Fields 14 (utime) and 15 (stime) of proc(5), counted from the state, field 3.
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
    }

    /** A memory figure of /proc/PID/status in bytes, such as VmRSS (resident now) or VmHWM (its peak); -1 when absent. */
    long memoryBytes(String name) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(name + ":")) {
                return Long.parseLong(line.substring(name.length() + 1).replace("kB", "").strip()) * 1024;
            }
        }
        return -1;
    }
}
