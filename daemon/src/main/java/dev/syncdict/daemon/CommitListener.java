package dev.syncdict.daemon;

import dev.syncdict.daemon.store.Commit;
import java.util.List;

/**
 * Sees every commit, once, in revision order, before any reply of its group leaves the daemon:
 * the write-ahead log appends (and syncs) the group, the watch hub fans it out.
 */
public interface CommitListener {

    /**
     * Takes one group of commits, in revision order, on the owner's thread. Returning accepts the
     * group. Throwing refuses it: the group's writes are undone and answered {@code io_error}, so
     * a listener that refuses must leave no trace of the group itself. Only a listener that records
     * the group (the write-ahead log) refuses, and it comes first, since the ones before it could
     * not take the group back.
     */
    void accept(List<Commit> group) throws Exception;
}
