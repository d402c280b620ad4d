package dev.syncdict.shell.bench;

/**
 * One test's figures: the load's outcome, and the CPU time the server and the load generator
 * spent during it (-1 when the server's process could not be read), and the server's resident
 * memory at its end (-1 likewise).
 */
record TestResult(Workload workload, LoadRun.Outcome outcome, long serverCpuNanos, long benchCpuNanos, long serverRssBytes) {

    /** Microseconds of CPU per operation, or -1 when unknown. */
    static double microsPerOp(long cpuNanos, long operations) {
        return cpuNanos < 0 || operations == 0 ? -1 : cpuNanos / 1e3 / operations;
    }

    double serverMicrosPerOp() {
        return microsPerOp(serverCpuNanos, outcome.requests());
    }

    double benchMicrosPerOp() {
        return microsPerOp(benchCpuNanos, outcome.requests());
    }
}
