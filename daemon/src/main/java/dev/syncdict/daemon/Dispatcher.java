package dev.syncdict.daemon;

import dev.syncdict.daemon.store.Dictionary;
import dev.syncdict.daemon.store.StoreException;
import dev.syncdict.protocol.ErrorCode;
import dev.syncdict.protocol.Op;
import dev.syncdict.protocol.Reply;
import dev.syncdict.protocol.Request;
import dev.syncdict.protocol.Version;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Runs one authenticated request against the dictionary and returns its reply. The codec has
 * already checked the request's fields against {@link Op}; here live the rules every write shares:
 * conditions first, one revision per request (or per tx), and all or nothing.
 *
 * <p>Runs only on the Sequencer's thread, like the {@link Dictionary} it owns.
 */
final class Dispatcher {

    /** Keys listed when a request names no limit: enough for completion, bounded in cost. */
    static final int DEFAULT_KEYS_LIMIT = 1000;

    private final Dictionary dictionary;
    private final IntSupplier clients;
    private final long startedAt = System.nanoTime();

    Dispatcher(Dictionary dictionary, IntSupplier clients) {
        this.dictionary = dictionary;
        this.clients = clients;
    }

    /** The dictionary's current revision. */
    long revision() {
        return dictionary.revision();
    }

    Reply handle(Request request) {
        Reply reply;
        if (request.op() == Op.AUTH) {
            reply = Reply.error(dictionary.revision(), ErrorCode.BAD_REQUEST, "already authenticated");
        } else if (request.op().access() == Op.Access.WRITE) {
            reply = write(request);
        } else {
            try {
                reply = read(request, dictionary.revision());
            } catch (StoreException e) {
                reply = Reply.error(dictionary.revision(), e.code(), e.getMessage());
            }
        }
        return reply.withId(request.id());
    }

    private Reply write(Request request) {
        Dictionary.Write write = dictionary.begin();
        try {
            Reply reply = request.op() == Op.TX ? transaction(write, request.ops()) : apply(write, request);
            if (write.changed()) {
                write.commit();
            }
            return reply;
        } catch (StoreException e) {
            write.rollback();
            return Reply.error(dictionary.revision(), e.code(), e.getMessage());
        } catch (TxFailure e) {
            write.rollback();
            return Reply.error(dictionary.revision(), new Reply.Error(e.code, e.getMessage(), e.index));
        }
    }

    /** Applies every op of a tx in order; the first failure undoes them all. */
    private Reply transaction(Dictionary.Write write, List<Request> ops) {
        List<Reply> results = new ArrayList<>(ops.size());
        for (int i = 0; i < ops.size(); i++) {
            Request op = ops.get(i);
            try {
                results.add(op.op().access() == Op.Access.WRITE ? apply(write, op) : read(op, write.rev()));
            } catch (StoreException e) {
                throw new TxFailure(i, e);
            }
        }
        long rev = write.changed() ? write.rev() : dictionary.revision();
        List<Reply> stamped = new ArrayList<>(results.size());
        for (Reply result : results) {
            stamped.add(new Reply(null, rev, result.value(), result.modRev(), result.more(), null, null, null));
        }
        return Reply.ok(rev, null).withResults(stamped);
    }

    private Reply apply(Dictionary.Write write, Request request) {
        checkConditions(request);
        switch (request.op()) {
            case SET:
                write.set(request.path(), request.value());
                return Reply.ok(write.rev(), null);
            case DEL:
                write.delete(request.path());
                return Reply.ok(write.rev(), null);
            case INCR:
                return Reply.ok(write.rev(), write.incr(request.path(), request.by()));
            case LOAD:
                write.load(request.path(), request.value(), request.merge());
                return Reply.ok(write.rev(), null);
            default:
                throw new IllegalArgumentException("not a write: " + request.op());
        }
    }

    private void checkConditions(Request request) {
        if (request.ifAbsent() && dictionary.exists(request.path())) {
            throw new StoreException(ErrorCode.CONDITION_FAILED, request.path() + " already has a value");
        }
        if (request.ifValue() != null && !dictionary.holds(request.path(), request.ifValue())) {
            throw new StoreException(ErrorCode.CONDITION_FAILED, request.path() + " does not hold the expected value");
        }
        if (request.ifRev() != null) {
            long modRev = dictionary.modRev(request.path());
            if (modRev != request.ifRev()) {
                throw new StoreException(ErrorCode.CONDITION_FAILED,
                        request.path() + " is at revision " + modRev + ", not " + request.ifRev());
            }
        }
    }

    private Reply read(Request request, long rev) {
        switch (request.op()) {
            case GET:
            case DUMP: {
                Dictionary.Lookup lookup = dictionary.get(request.path());
                return Reply.ok(rev, lookup.value()).withModRev(lookup.modRev());
            }
            case KEYS: {
                Long limit = request.limit();
                Dictionary.KeysPage page = dictionary.keys(request.path(), request.prefix(), request.after(),
                        limit == null ? DEFAULT_KEYS_LIMIT : (int) Math.min(limit, Integer.MAX_VALUE));
                return Reply.ok(rev, page.keys()).withMore(page.more());
            }
            case INFO:
                return Reply.ok(rev, info());
            case PING:
                return Reply.ok(rev, "pong");
            case SHUTDOWN:
                return Reply.ok(rev, null);
            default:
                throw new IllegalArgumentException("not a read: " + request.op());
        }
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
        info.put("rev", BigDecimal.valueOf(dictionary.revision()));
        info.put("keys", BigDecimal.valueOf(dictionary.size()));
        info.put("clients", BigDecimal.valueOf(clients.getAsInt()));
        info.put("memory", memory);
        info.put("persistence", "none (in memory)");
        return info;
    }

    /** A tx op's failure: which op failed, with what code; the message names the op. */
    private static final class TxFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int index;
        final ErrorCode code;

        TxFailure(int index, StoreException failure) {
            super("op " + index + ": " + failure.getMessage(), null, false, false);
            this.index = index;
            this.code = failure.code();
        }
    }
}
