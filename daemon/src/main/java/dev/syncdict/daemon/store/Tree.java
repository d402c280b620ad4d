package dev.syncdict.daemon.store;

import dev.syncdict.protocol.Path;
import java.math.BigDecimal;
import java.util.List;

/**
 * The data a {@link TreeStore} works on: reads, and writes through a {@link Transaction} that can
 * be undone. A store implements these primitives; the rules every write shares live in
 * TreeStore, once.
 */
public interface Tree {

    /** The value at a path and the revision of the last write at or below it. */
    record Lookup(Object value, long modRev) {}

    /** One page of keys, the JSON type of each one's value ({@code object}, {@code array}, ...), and whether more follow. */
    record KeysPage(List<Object> keys, List<String> kinds, boolean more) {}

    long revision();

    int size();

    /** The value at a path (a copy, safe to hand to another thread), or a not_found error. */
    Lookup get(Path path);

    /** The revision of the last write at or below a path; 0 when nothing is there. */
    long modRev(Path path);

    /** Whether the path holds a value equal (as JSON) to this one. */
    boolean holds(Path path, Object json);

    boolean exists(Path path);

    /**
     * Up to {@code limit} keys of the object at a path that start with {@code prefix} and sort after
     * {@code after} (if given); for an array, its first {@code limit} indexes.
     */
    KeysPage keys(Path path, String prefix, String after, int limit);

    /** Starts the changes of one write at the next revision. */
    Transaction begin();

    /** The changes of one write request or tx: all take one revision, then commit together or are all undone. */
    interface Transaction {

        /** The revision the changes take. */
        long rev();

        boolean changed();

        /** Stores a value at a path, creating missing objects on the way; records one change, at that path. */
        void set(Path path, Object json);

        /** Removes the value at a path; records one change, at that path. */
        void delete(Path path);

        /** Adds an exact decimal to the number at a path (a missing path starts at 0); returns the sum. */
        BigDecimal incr(Path path, BigDecimal by);

        /** Replaces the value at a path, or with {@code merge} merges objects into it key by key. */
        void load(Path path, Object json, boolean merge);

        /** Makes the revision current and returns what changed. */
        Commit commit();

        /** Undoes every change, newest first, leaving the tree exactly as before {@link Tree#begin()}. */
        void rollback();
    }
}
