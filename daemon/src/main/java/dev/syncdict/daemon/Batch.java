package dev.syncdict.daemon;

import java.util.List;

/**
 * The lines of one read from one connection, answered in order. When the connection's outbox is
 * full the pipeline stops partway, and the batch goes on from there once the outbox has drained.
 */
final class Batch {

    private final Outbox outbox;
    private final List<DecodedLine> lines;
    private int next;

    Batch(Outbox outbox, List<DecodedLine> lines) {
        this.outbox = outbox;
        this.lines = lines;
    }

    Outbox outbox() {
        return outbox;
    }

    boolean hasNext() {
        return next < lines.size();
    }

    DecodedLine next() {
        return lines.get(next++);
    }

    /** How many lines have been taken. */
    int position() {
        return next;
    }

    /** Goes back to a position, to answer its lines again (their writes were undone). */
    void rewind(int position) {
        next = position;
    }
}
