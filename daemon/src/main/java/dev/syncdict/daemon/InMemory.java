package dev.syncdict.daemon;

import dev.syncdict.daemon.store.StoreException;
import dev.syncdict.protocol.ErrorCode;
import java.util.Map;

/** No persistence ({@code --in-memory}): the dictionary dies with the daemon. */
final class InMemory implements Persistence {

    @Override
    public Map<String, Object> info() {
        return Map.of("mode", "memory");
    }

    @Override
    public Map<String, Object> compact() {
        throw new StoreException(ErrorCode.BAD_REQUEST, "nothing to compact: this daemon keeps no log (it runs --in-memory)");
    }

    @Override
    public void settled() {
        // Nothing to compact.
    }

    @Override
    public void close() {
        // Nothing is kept.
    }
}
