package dev.syncdict.daemon.store;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The undo log of one write or one tx: every change to the tree records how to reverse it, so a
 * failure halfway leaves the dictionary exactly as it was.
 */
final class UndoLog {

    private final Deque<Runnable> undo = new ArrayDeque<>();

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
