package dev.syncdict.shell.complete;

import dev.syncdict.protocol.Path;
import java.util.List;

/** Lists keys for completion with one bounded request; never fails, never prints. */
public interface KeySource {

    /**
     * One page of keys (object keys as strings, array indexes as numbers), the JSON type of each
     * one's value ({@code object}, {@code array}, ...), and whether more follow.
     */
    record Listing(List<Object> keys, List<String> kinds, boolean more) {}

    /**
     * At most {@code limit} keys of the object or array at {@code path} that start with {@code
     * prefix}; null when there is nothing to list there or no daemon answers in time.
     */
    Listing keys(Path path, String prefix, int limit);
}
