package dev.syncdict.shell;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code every DURATION} and {@code times N}, which any command that talks to the daemon may end
 * with: {@code incr visits 0.5 every 1s} repeats until Ctrl+C; {@code times 5} stops after five.
 */
public final class Repetition {

    @Option(names = "every", paramLabel = "DURATION", converter = Arguments.DurationArg.class, order = 100,
            description = "Repeat the command every DURATION (500ms, 1s, 2m) until Ctrl+C or `times` runs out.")
    Duration every;

    @Option(names = "times", paramLabel = "N", order = 101, converter = Arguments.CountArg.class,
            description = "Run the command N times (back to back, or spaced by `every`).")
    Long times;

    /** Whether the command runs more than once. */
    boolean repeats() {
        return every != null || (times != null && times != 1);
    }
}
