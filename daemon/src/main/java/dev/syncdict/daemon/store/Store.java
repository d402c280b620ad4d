package dev.syncdict.daemon.store;

import dev.syncdict.protocol.Reply;
import dev.syncdict.protocol.Request;

/**
 * The dictionary as the daemon sees it: one whole request or tx in, applied atomically and
 * deterministically (no clock, no randomness), its reply and what it changed out. Any failure,
 * whatever it is, leaves the store exactly as it was. Not thread-safe: one owner calls it.
 */
public interface Store {

    /** A request's reply, and its commit record when it changed anything (null otherwise). */
    record Applied(Reply reply, Commit commit) {}

    /** Applies a dictionary request: get, set, del, incr, keys, dump, load or tx. */
    Applied apply(Request request);

    /**
     * Makes every commit applied since the last call final: the commit listeners have recorded
     * them. Until then {@link #undoUnsettled()} can take them back.
     */
    void settle();

    /**
     * Undoes every commit since the last {@link #settle()}, newest first, revisions included: a
     * listener could not record them (the disk is full), so they must not have happened.
     */
    void undoUnsettled();

    /** The revision of the last commit (0 for a new store). */
    long revision();

    /** The number of top-level keys. */
    int size();
}
