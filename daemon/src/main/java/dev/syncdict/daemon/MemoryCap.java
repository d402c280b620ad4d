package dev.syncdict.daemon;

import dev.syncdict.daemon.store.Change;
import dev.syncdict.daemon.store.Commit;
import dev.syncdict.protocol.Path;
import dev.syncdict.protocol.Request;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Keeps an estimate of the heap the dictionary takes, from each recorded commit's new and old
 * values, and says when writes that could grow it must be refused, as Redis answers OOM past
 * {@code maxmemory}: deletes and reads go on, so room can always be made. The estimate counts
 * the objects a value becomes in memory, not its JSON text. A commit listener, after the log;
 * owner's thread only.
 */
final class MemoryCap implements CommitListener {

    private final long maxBytes;
    private long bytes;

    /** @param initial the dictionary as it starts (recovered, or empty) */
    MemoryCap(long maxBytes, Object initial) {
        this.maxBytes = maxBytes;
        this.bytes = estimate(initial);
    }

    long bytes() {
        return bytes;
    }

    long maxBytes() {
        return maxBytes;
    }

    @Override
    public void accept(List<Commit> group) {
        for (Commit commit : group) {
            for (Change change : commit.changes()) {
                bytes += (change.value() == null ? -slot(change) : estimate(change.value()))
                        - (change.oldValue() == null ? -slot(change) : estimate(change.oldValue()));
            }
        }
    }

    /** Whether this request must be refused now: the cap is reached and it could add to the dictionary. */
    boolean refuses(Request request) {
        return bytes >= maxBytes && mayGrow(request);
    }

    private static boolean mayGrow(Request request) {
        switch (request.op()) {
            case SET:
            case INCR:
            case LOAD:
                return true;
            case TX:
                return request.ops().stream().anyMatch(MemoryCap::mayGrow);
            default:
                return false;
        }
    }

    /** What the place a change's value goes in costs: a map entry and its key, or an array slot. */
    private static long slot(Change change) {
        if (change.path().isRoot()) {
            return 0;
        }
        Path.Segment last = change.path().last();
        return last instanceof Path.Key ? ENTRY + ((Path.Key) last).name().length() : ELEMENT;
    }

    /**
     * Bytes of one object member as the store keeps it, beside its key's characters: its node (32),
     * the packed key's array header (16) and its share of the object's hash index and sorted chunk
     * (about 12).
     */
    private static final long ENTRY = 60;
    /** An array element's node and its slot in the array's list. */
    private static final long ELEMENT = 36;

    /**
     * A rough count of the heap a JSON value takes as the dictionary's nodes (docs/BENCHMARKS.md,
     * "The store's structure": about 100 bytes for a small key and string); booleans and null are
     * shared constants and take nothing beyond their node.
     */
    private static long estimate(Object json) {
        if (json instanceof Map) {
            long total = 64;
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) json).entrySet()) {
                total += ENTRY + ((String) entry.getKey()).length() + estimate(entry.getValue());
            }
            return total;
        }
        if (json instanceof List) {
            long total = 64;
            for (Object element : (List<?>) json) {
                total += ELEMENT + estimate(element);
            }
            return total;
        }
        if (json instanceof String) {
            // A one-byte string packed as its bytes: an array header and the bytes, rounded.
            return 24 + ((String) json).length();
        }
        if (json instanceof BigDecimal) {
            return 40 + ((BigDecimal) json).precision() / 2;
        }
        return 0;
    }
}
