package dev.syncdict.daemon;

import dev.syncdict.daemon.store.Commit;
import java.util.function.Predicate;

/**
 * The last commits, for watches that start in the past, bounded by a count and by bytes. Each
 * commit is kept encoded ({@link CommitBytes}) in one ring of bytes, its revision and place in
 * arrays beside it, and decoded only when a watch starts in the past: the history holds no
 * object for the collector to trace or promote, which a write load over many keys made it do for
 * every commit (docs/BENCHMARKS.md, "The watch history as bytes"), and its memory is what
 * {@link #heldBytes} says, not an estimate. Owner's thread only.
 */
final class CommitHistory {

    /** Slots and ring bytes allocated first; both double up to their bounds as commits arrive. */
    private static final int INITIAL_SLOTS = 1024;
    private static final int INITIAL_RING = 64 * 1024;
    /** The largest array the JVM allocates. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final int maxCommits;
    private final int maxRing;
    private final CommitBytes encoder = new CommitBytes();
    private byte[] ring;
    /** Where the bytes of the oldest commit kept start in the ring, and how many bytes are kept. */
    private int ringStart;
    private int ringUsed;
    private long[] revisions;
    private int[] lengths;
    /** The slot of the oldest commit kept. */
    private int oldest;
    private int count;
    /** The newest revision dropped (the start when nothing was). */
    private long droppedThrough;

    /**
     * @param maxCommits most commits kept
     * @param maxBytes most bytes their encoding takes; a commit longer than that is not kept (the history then starts after it)
     * @param start the revision the history starts after
     */
    CommitHistory(int maxCommits, long maxBytes, long start) {
        this.maxCommits = Math.max(1, maxCommits);
        this.maxRing = (int) Math.min(MAX_ARRAY, Math.max(1, maxBytes));
        this.droppedThrough = start;
        int slots = Math.min(this.maxCommits, INITIAL_SLOTS);
        this.revisions = new long[slots];
        this.lengths = new int[slots];
        this.ring = new byte[Math.min(maxRing, INITIAL_RING)];
    }

    /** The newest revision no longer kept: a watch can start from it or later. */
    long droppedThrough() {
        return droppedThrough;
    }

    /** The heap the history's arrays take, in bytes, beyond a few fields: the ring and two per commit slot. */
    long heldBytes() {
        return ring.length + 12L * revisions.length;
    }

    void add(Commit commit) {
        if (!encoder.write(commit, maxRing)) {
            // Keeping it would break the bound; the history starts after it, and says so to a watch from before.
            while (count > 0) {
                dropOldest();
            }
            droppedThrough = commit.revision();
            return;
        }
        int size = encoder.size();
        if (count == revisions.length) {
            if (revisions.length < maxCommits) {
                growSlots();
            } else {
                dropOldest();
            }
        }
        while (ringUsed + size > ring.length) {
            if (ring.length < maxRing) {
                growRing(ringUsed + size);
            } else {
                dropOldest();
            }
        }
        copyIn(encoder.bytes(), size);
        int slot = (oldest + count) % revisions.length;
        revisions[slot] = commit.revision();
        lengths[slot] = size;
        count++;
    }

    /**
     * Hands each commit after revision {@code from} to {@code each}, oldest first, until it returns
     * false; returns whether every one was taken.
     */
    boolean after(long from, Predicate<Commit> each) {
        int at = ringStart;
        for (int i = 0; i < count; i++) {
            int slot = (oldest + i) % revisions.length;
            if (revisions[slot] > from && !each.test(CommitBytes.read(revisions[slot], copyOut(at, lengths[slot])))) {
                return false;
            }
            at = (at + lengths[slot]) % ring.length;
        }
        return true;
    }

    private void copyIn(byte[] bytes, int size) {
        int at = (ringStart + ringUsed) % ring.length;
        int first = Math.min(size, ring.length - at);
        System.arraycopy(bytes, 0, ring, at, first);
        System.arraycopy(bytes, first, ring, 0, size - first);
        ringUsed += size;
    }

    private byte[] copyOut(int at, int size) {
        byte[] bytes = new byte[size];
        int first = Math.min(size, ring.length - at);
        System.arraycopy(ring, at, bytes, 0, first);
        System.arraycopy(ring, 0, bytes, first, size - first);
        return bytes;
    }

    private void growSlots() {
        int slots = (int) Math.min(maxCommits, 2L * revisions.length);
        long[] movedRevisions = new long[slots];
        int[] movedLengths = new int[slots];
        for (int i = 0; i < count; i++) {
            int slot = (oldest + i) % revisions.length;
            movedRevisions[i] = revisions[slot];
            movedLengths[i] = lengths[slot];
        }
        revisions = movedRevisions;
        lengths = movedLengths;
        oldest = 0;
    }

    /** Doubles the ring (at least to {@code needed}, at most to its bound), its bytes moved to the start in order. */
    private void growRing(int needed) {
        int bytes = (int) Math.min(maxRing, Math.max(needed, 2L * ring.length));
        byte[] moved = copyOut(ringStart, ringUsed);
        ring = new byte[bytes];
        System.arraycopy(moved, 0, ring, 0, ringUsed);
        ringStart = 0;
    }

    private void dropOldest() {
        droppedThrough = revisions[oldest];
        ringStart = (ringStart + lengths[oldest]) % ring.length;
        ringUsed -= lengths[oldest];
        oldest = (oldest + 1) % revisions.length;
        count--;
    }
}
