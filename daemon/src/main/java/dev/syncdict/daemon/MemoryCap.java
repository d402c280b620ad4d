package dev.syncdict.daemon;

import dev.syncdict.protocol.Request;
import java.util.function.LongSupplier;

/**
 * Says when writes that could grow the dictionary must be refused, as Redis answers OOM past
 * {@code maxmemory}: deletes and reads go on, so room can always be made. The size it reads is the
 * store's own count of the heap its nodes take, kept as it writes (not the JSON text's length).
 * Owner's thread only.
 */
final class MemoryCap {

    private final long maxBytes;
    private final LongSupplier dictionaryBytes;

    MemoryCap(long maxBytes, LongSupplier dictionaryBytes) {
        this.maxBytes = maxBytes;
        this.dictionaryBytes = dictionaryBytes;
    }

    long bytes() {
        return dictionaryBytes.getAsLong();
    }

    long maxBytes() {
        return maxBytes;
    }

    /** Whether this request must be refused now: the cap is reached and it could add to the dictionary. */
    boolean refuses(Request request) {
        return bytes() >= maxBytes && mayGrow(request);
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
}
