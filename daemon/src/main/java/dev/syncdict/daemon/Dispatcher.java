package dev.syncdict.daemon;

import dev.syncdict.daemon.store.Store;
import dev.syncdict.protocol.ErrorCode;
import dev.syncdict.protocol.Reply;
import dev.syncdict.protocol.Request;
import dev.syncdict.protocol.Version;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Answers one authenticated request: the daemon's own ops (info, ping, shutdown) here, watches by
 * the {@link WatchHub}, every dictionary op by the {@link Store}. Runs only on the owner's thread,
 * like the store.
 */
final class Dispatcher {

    private final Store store;
    private final WatchHub hub;
    private final IntSupplier clients;
    private final long startedAt = System.nanoTime();

    private static final Store.Applied ANSWERED = new Store.Applied(null, null);

    Dispatcher(Store store, WatchHub hub, IntSupplier clients) {
        this.store = store;
        this.hub = hub;
        this.clients = clients;
    }

    /** The store's current revision. */
    long revision() {
        return store.revision();
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
            default:
                return store.apply(request);
        }
    }

    /** A connection has gone: its watches end. */
    void closed(Outbox connection) {
        hub.closed(connection);
    }

    private static Store.Applied answer(Request request, Reply reply) {
        return new Store.Applied(reply.withId(request.id()), null);
    }

    private Map<String, Object> info() {
        Runtime runtime = Runtime.getRuntime();
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("heap_used", BigDecimal.valueOf(runtime.totalMemory() - runtime.freeMemory()));
        memory.put("heap_max", BigDecimal.valueOf(runtime.maxMemory()));
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("version", Version.VERSION);
        info.put("pid", BigDecimal.valueOf(ProcessHandle.current().pid()));
        info.put("uptime_ms", BigDecimal.valueOf((System.nanoTime() - startedAt) / 1_000_000));
        info.put("rev", BigDecimal.valueOf(store.revision()));
        info.put("keys", BigDecimal.valueOf(store.size()));
        info.put("clients", BigDecimal.valueOf(clients.getAsInt()));
        info.put("watches", BigDecimal.valueOf(hub.size()));
        info.put("memory", memory);
        info.put("persistence", "none (in memory)");
        return info;
    }
}
