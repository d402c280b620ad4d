package dev.syncdict.daemon.store;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The undo log of one write or one tx: every change to the tree records how to reverse it, so a
 * failure halfway leaves the dictionary exactly as it was.
 */
final class UndoLog {

    /** Room for a usual write's few changes (an incr of a top-level key records two); a larger write grows it. */
    private final Deque<Runnable> undo = new ArrayDeque<>(4);

    void record(Runnable reverse) {
        undo.push(reverse);
    }

    /** Reverses every recorded change, newest first. */
    void rollback() {
        while (!undo.isEmpty()) {
            undo.pop().run();
        }
    }

    boolean isEmpty() {
        return undo.isEmpty();
    }
}
