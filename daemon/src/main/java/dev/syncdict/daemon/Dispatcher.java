package dev.syncdict.daemon;

import dev.syncdict.daemon.store.Store;
import dev.syncdict.daemon.store.StoreException;
import dev.syncdict.protocol.ErrorCode;
import dev.syncdict.protocol.Reply;
import dev.syncdict.protocol.Request;
import dev.syncdict.protocol.Version;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Answers one authenticated request: the daemon's own ops (info, ping, shutdown, compact) here, watches by
 * the {@link WatchHub}, every dictionary op by the {@link Store}. Runs only on the owner's thread,
 * like the store.
 */
final class Dispatcher {

    private final Store store;
    private final WatchHub hub;
    private final MemoryCap cap;
    private final TokenKeeper tokens;
    private final IntSupplier clients;
    private final Persistence persistence;
    private final long startedAt = System.nanoTime();

    private static final Store.Applied ANSWERED = new Store.Applied(null, null);

    Dispatcher(Store store, WatchHub hub, MemoryCap cap, TokenKeeper tokens, IntSupplier clients, Persistence persistence) {
        this.store = store;
        this.hub = hub;
        this.cap = cap;
        this.tokens = tokens;
        this.clients = clients;
        this.persistence = persistence;
    }

    /** The store's current revision. */
    long revision() {
        return store.revision();
    }

    /** The listeners recorded the group: its commits are final. */
    void settle() {
        store.settle();
        persistence.settled();
    }

    /** A listener refused the group: its commits are undone. */
    void undoUnsettled() {
        store.undoUnsettled();
        persistence.settled();
    }

    /**
     * Whether a request acts beyond the dictionary (a watch's start or end, a compaction), so that
     * it must never run before the writes ahead of it are recorded: nothing could take it back.
     */
    static boolean actsBeyondTheStore(Request request) {
        switch (request.op()) {
            case WATCH:
            case UNWATCH:
            case COMPACT:
                return true;
            default:
                return false;
        }
    }

    /**
     * The request's reply and commit; a null reply means it was answered into the connection's
     * outbox already (a watch's reply must come before the events that follow it).
     */
    Store.Applied handle(Request request, Outbox connection) {
        switch (request.op()) {
            case WATCH:
                hub.watch(request, connection);
                return ANSWERED;
            case UNWATCH:
                hub.unwatch(request, connection);
                return ANSWERED;
            case AUTH:
                return answer(request, Reply.error(store.revision(), ErrorCode.BAD_REQUEST, "already authenticated"));
            case INFO:
                return answer(request, Reply.ok(store.revision(), info()));
            case PING:
                return answer(request, Reply.ok(store.revision(), "pong"));
            case SHUTDOWN:
                return answer(request, Reply.ok(store.revision(), null));
            case COMPACT:
                return compact(request);
            case ROTATE_TOKEN:
                return rotateToken(request);
            default:
                return cap.refuses(request) ? answer(request, Reply.error(store.revision(), ErrorCode.OUT_OF_MEMORY, "the dictionary"
                        + " takes about " + cap.bytes() + " bytes of its " + cap.maxBytes() + " (--max-memory): writes that could"
                        + " grow it are refused until del frees room")) : store.apply(request);
        }
    }

    /** A connection has gone: its watches end. */
    void closed(Outbox connection) {
        hub.closed(connection);
    }

    private Store.Applied compact(Request request) {
        try {
            return answer(request, Reply.ok(store.revision(), persistence.compact()));
        } catch (StoreException e) {
            return answer(request, Reply.error(store.revision(), e.code(), e.getMessage()));
        }
    }

    private Store.Applied rotateToken(Request request) {
        Duration grace = request.graceMs() == null ? TokenKeeper.DEFAULT_GRACE : Duration.ofMillis(request.graceMs());
        try {
            tokens.rotate(grace);
            return answer(request, Reply.ok(store.revision(), Map.of("grace_ms", BigDecimal.valueOf(grace.toMillis()))));
        } catch (IOException e) {
            return answer(request, Reply.error(store.revision(), ErrorCode.IO_ERROR, "cannot rotate the token: " + e.getMessage()));
        }
    }

    private static Store.Applied answer(Request request, Reply reply) {
        return new Store.Applied(reply.withId(request.id()), null);
    }

    private Map<String, Object> info() {
        Runtime runtime = Runtime.getRuntime();
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("heap_used", BigDecimal.valueOf(runtime.totalMemory() - runtime.freeMemory()));
        memory.put("heap_max", BigDecimal.valueOf(runtime.maxMemory()));
        memory.put("dictionary_bytes", BigDecimal.valueOf(cap.bytes()));
        memory.put("max_memory_bytes", BigDecimal.valueOf(cap.maxBytes()));
        memory.put("watch_history_bytes", BigDecimal.valueOf(hub.historyBytes()));
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("version", Version.VERSION);
        info.put("pid", BigDecimal.valueOf(ProcessHandle.current().pid()));
        info.put("uptime_ms", BigDecimal.valueOf((System.nanoTime() - startedAt) / 1_000_000));
        info.put("rev", BigDecimal.valueOf(store.revision()));
        info.put("keys", BigDecimal.valueOf(store.size()));
        info.put("clients", BigDecimal.valueOf(clients.getAsInt()));
        info.put("watches", BigDecimal.valueOf(hub.size()));
        info.put("memory", memory);
        info.put("persistence", persistence.info());
        return info;
    }
}
