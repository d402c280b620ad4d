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

    /** The revision of the last commit (0 for a new store). */
    long revision();

    /** The number of top-level keys. */
    int size();
}
