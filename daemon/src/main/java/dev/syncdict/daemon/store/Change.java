package dev.syncdict.daemon.store;

import dev.syncdict.protocol.Path;

/**
 * One change a write made: the path written, how, the new value (null when deleted) and, when the
 * store keeps them, the old value (null when there was none or it is not kept). Values are plain
 * JSON that nobody mutates, safe to hand to other threads.
 */
public record Change(Kind kind, Path path, Object value, Object oldValue) {

    /** What happened at the path. */
    public enum Kind {
        /** A value was stored ({@code set}, or a {@code load} replacing or merging a key). */
        SET,
        /** The value was removed. */
        DELETE,
        /** A number was incremented; the value is the sum. */
        INCR,
        /** A {@code load} stored the value (with {@code merge}, one change per key merged). */
        LOAD
    }
}
