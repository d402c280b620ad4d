package dev.syncdict.shell;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While open, Ctrl+C (SIGINT) interrupts one thread instead of killing the JVM, so that
 * {@code every} loops and {@code watch} end cleanly and return to the prompt (or exit 0).
 * Closing restores the previous handler, JLine's included. The output shown last before Ctrl+C
 * stays on the terminal ({@link OutputKeptOnCtrlC}).
 */
final class CtrlC implements AutoCloseable {

    private static final Signal INT = new Signal("INT");
    private final SignalHandler previous;
    private final OutputKeptOnCtrlC output;

    CtrlC(Thread target) {
        this(target::interrupt);
    }

    /** Runs {@code onInterrupt} on Ctrl+C instead (a watch also closes its connection, to end a blocked read). */
    CtrlC(Runnable onInterrupt) {
        previous = Signal.handle(INT, signal -> onInterrupt.run());
        output = OutputKeptOnCtrlC.open();
    }

    @Override
    public void close() {
        output.close();
        Signal.handle(INT, previous);
    }
}
