package dev.syncdict.daemon;

import java.io.IOException;
import java.util.Map;

/** What the daemon keeps on disk, as the daemon's own ops see it: its figures for {@code info}, and {@code compact}. */
public interface Persistence extends AutoCloseable {

    /** The mode and its figures, for {@code info}; on the owner's thread. */
    Map<String, Object> info();

    /**
     * Asks for a snapshot, after which the log before it is dropped; returns what was asked. On the
     * owner's thread, mid-group: the snapshot itself waits for {@link #settled()}.
     */
    Map<String, Object> compact();

    /** The group's commits are final (recorded, or undone): the tree is what the log holds. On the owner's thread. */
    void settled();

    /** Flushes and releases the data folder; the owner has stopped. */
    @Override
    void close() throws IOException;
}
