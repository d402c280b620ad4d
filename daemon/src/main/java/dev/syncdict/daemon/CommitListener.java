package dev.syncdict.daemon;

import dev.syncdict.daemon.store.Commit;
import java.util.List;

/**
 * Sees every commit, once, in revision order, before any reply of its group leaves the daemon:
 * the write-ahead log appends (and syncs) the group, the watch hub fans it out.
 */
interface CommitListener {

    /**
     * Takes one group of commits, in revision order, on the owner's thread. Returning accepts the
     * group; throwing refuses it, and the connections that wrote in it are closed unanswered.
     */
    void accept(List<Commit> group) throws Exception;
}
