package dev.syncdict.daemon;

import dev.syncdict.daemon.store.Change;
import dev.syncdict.daemon.store.Commit;
import dev.syncdict.protocol.Json;
import java.util.function.Predicate;

/**
 * The last commits, for watches that start in the past, bounded by a count and by an estimate of
 * the heap their values hold. It keeps the commit records the store made, no copies, in a ring of
 * arrays (the records, their sizes and revisions), so that remembering a commit allocates nothing: what
 * is kept here outlives the young generation under a write load, and the collector copies every
 * byte of it (docs/BENCHMARKS.md, "Faster core"). Owner's thread only.
 */
final class CommitHistory {

    /** Slots allocated first; the ring doubles up to its count bound as commits arrive. */
    private static final int INITIAL_SLOTS = 1024;

    private final int maxCommits;
    private final long maxBytes;
    private Commit[] commits;
    private long[] sizes;
    /**
     * Each commit's revision beside it: dropping the oldest then never reads that commit, an
     * object the size of the history ago and never in the cache.
     */
    private long[] revisions;
    /** The slot of the oldest commit kept. */
    private int oldest;
    private int count;
    private long keptBytes;
    /** The newest revision dropped (the start when nothing was). */
    private long droppedThrough;

    /**
     * @param maxCommits most commits kept
     * @param maxBytes most bytes kept, by {@link #heapEstimate}; the newest commit is kept whatever its size
     * @param start the revision the history starts after
     */
    CommitHistory(int maxCommits, long maxBytes, long start) {
        this.maxCommits = maxCommits;
        this.maxBytes = maxBytes;
        this.droppedThrough = start;
        int slots = Math.max(1, Math.min(maxCommits, INITIAL_SLOTS));
        this.commits = new Commit[slots];
        this.sizes = new long[slots];
        this.revisions = new long[slots];
    }

    /** The newest revision no longer kept: a watch can start from it or later. */
    long droppedThrough() {
        return droppedThrough;
    }

    void add(Commit commit) {
        if (count == commits.length) {
            if (commits.length < maxCommits) {
                grow();
            } else {
                dropOldest();
            }
        }
        long size = heapEstimate(commit);
        int slot = (oldest + count) % commits.length;
        commits[slot] = commit;
        sizes[slot] = size;
        revisions[slot] = commit.revision();
        count++;
        keptBytes += size;
        while (keptBytes > maxBytes && count > 1) {
            dropOldest();
        }
    }

    /**
     * Hands each commit after revision {@code from} to {@code each}, oldest first, until it returns
     * false; returns whether every one was taken.
     */
    boolean after(long from, Predicate<Commit> each) {
        for (int i = 0; i < count; i++) {
            int slot = (oldest + i) % commits.length;
            if (revisions[slot] > from && !each.test(commits[slot])) {
                return false;
            }
        }
        return true;
    }

    private void grow() {
        int slots = (int) Math.min(maxCommits, 2L * commits.length);
        Commit[] movedCommits = new Commit[slots];
        long[] movedSizes = new long[slots];
        long[] movedRevisions = new long[slots];
        for (int i = 0; i < count; i++) {
            int slot = (oldest + i) % commits.length;
            movedCommits[i] = commits[slot];
            movedSizes[i] = sizes[slot];
            movedRevisions[i] = revisions[slot];
        }
        commits = movedCommits;
        sizes = movedSizes;
        revisions = movedRevisions;
        oldest = 0;
    }

    private void dropOldest() {
        droppedThrough = revisions[oldest];
        keptBytes -= sizes[oldest];
        commits[oldest] = null;
        oldest = (oldest + 1) % commits.length;
        count--;
    }

    /** What a commit kept here holds, roughly: its values as JSON objects, and a change record and path for each change. */
    private static long heapEstimate(Commit commit) {
        long bytes = 0;
        for (Change change : commit.changes()) {
            bytes += 96 + MemoryCap.estimate(change.value() == null ? Json.NULL : change.value())
                    + (change.oldValue() == null ? 0 : MemoryCap.estimate(change.oldValue()));
        }
        return bytes;
    }
}
