package dev.syncdict.shell;

/**
 * When each run of an {@code every} loop starts: one interval after the previous start, so slow
 * runs do not stretch the period, but never in a burst. A run that starts a whole interval or
 * more late (after a daemon's auto-start, a stopped process, a suspended laptop) restarts the
 * beat from itself instead of making up the runs it missed, as a metronome would.
 */
final class Cadence {

    private final long intervalNanos;
    /** When the next run is due, on {@link System#nanoTime()}'s clock. */
    private long due;

    Cadence(long intervalNanos, long firstRunNanos) {
        this.intervalNanos = intervalNanos;
        this.due = firstRunNanos;
    }

    /** How long to wait, from {@code now}, before the next run; the run after it is due one interval later. */
    long waitBeforeNextRun(long now) {
        long wait = due - now;
        if (wait <= -intervalNanos) {
            due = now;
            wait = 0;
        }
        due += intervalNanos;
        return Math.max(0, wait);
    }
}
