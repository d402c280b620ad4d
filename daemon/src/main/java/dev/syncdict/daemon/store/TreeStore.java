package dev.syncdict.daemon.store;

import dev.syncdict.protocol.ErrorCode;
import dev.syncdict.protocol.Op;
import dev.syncdict.protocol.Reply;
import dev.syncdict.protocol.Request;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules every write shares, over any {@link Tree}, in one place: conditions first, one
 * revision per request or tx, and all or nothing. The codec has already checked each request's
 * fields against {@link Op}. Not thread-safe: its owner's thread alone calls it, as the tree's.
 */
public final class TreeStore implements Store {

    /** Keys listed when a request names no limit: enough for completion, bounded in cost. */
    public static final int DEFAULT_KEYS_LIMIT = 1000;

    private final Tree tree;
    /** The transactions committed since the last {@link #settle()}, oldest first: what {@link #undoUnsettled()} takes back. */
    private final List<Tree.Transaction> unsettled = new ArrayList<>();

    public TreeStore(Tree tree) {
        this.tree = tree;
    }

    @Override
    public void settle() {
        unsettled.clear();
    }

    @Override
    public void undoUnsettled() {
        for (int i = unsettled.size() - 1; i >= 0; i--) {
            unsettled.get(i).rollback();
        }
        unsettled.clear();
    }

    @Override
    public long revision() {
        return tree.revision();
    }

    @Override
    public int size() {
        return tree.size();
    }

    @Override
    public Applied apply(Request request) {
        if (request.op().access() == Op.Access.WRITE) {
            return write(request);
        }
        try {
            return new Applied(read(request, tree.revision()), null);
        } catch (StoreException e) {
            return new Applied(Reply.error(tree.revision(), e.code(), e.getMessage()).withId(request.id()), null);
        }
    }

    /**
     * Applies a write or tx in one transaction. Whatever goes wrong halfway (a refused op, a bug,
     * an OutOfMemoryError) is undone before the reply or the exception leaves, so no change stays
     * behind under a revision that the next write would take again.
     */
    private Applied write(Request request) {
        Tree.Transaction transaction = tree.begin();
        try {
            Reply reply = request.op() == Op.TX ? transaction(transaction, request) : apply(transaction, request);
            if (!transaction.changed()) {
                // A write that changed nothing (a merge of {}) takes no revision.
                return new Applied(request.op() == Op.TX ? reply : ok(request, tree.revision(), reply.value()), null);
            }
            Commit commit = transaction.commit();
            unsettled.add(transaction);
            return new Applied(reply, commit);
        } catch (StoreException e) {
            transaction.rollback();
            return new Applied(Reply.error(tree.revision(), e.code(), e.getMessage()).withId(request.id()), null);
        } catch (TxFailure e) {
            transaction.rollback();
            return new Applied(Reply.error(tree.revision(), new Reply.Error(e.code, e.getMessage(), e.index)).withId(request.id()), null);
        } catch (Throwable unexpected) {
            transaction.rollback();
            throw unexpected;
        }
    }

    /** Applies every op of a tx in order; the first failure undoes them all. */
    private Reply transaction(Tree.Transaction transaction, Request tx) {
        List<Request> ops = tx.ops();
        List<Reply> results = new ArrayList<>(ops.size());
        for (int i = 0; i < ops.size(); i++) {
            Request op = ops.get(i);
            try {
                results.add(op.op().access() == Op.Access.WRITE ? apply(transaction, op) : read(op, transaction.rev()));
            } catch (StoreException e) {
                throw new TxFailure(i, e);
            }
        }
        long rev = transaction.changed() ? transaction.rev() : tree.revision();
        List<Reply> stamped = new ArrayList<>(results.size());
        for (Reply result : results) {
            stamped.add(new Reply(null, rev, result.value(), result.modRev(), result.more(), null, null, null));
        }
        return new Reply(tx.id(), rev, null, null, null, stamped, null, null);
    }

    private Reply apply(Tree.Transaction transaction, Request request) {
        checkConditions(request);
        switch (request.op()) {
            case SET:
                transaction.set(request.path(), request.value());
                return ok(request, transaction.rev(), null);
            case DEL:
                transaction.delete(request.path());
                return ok(request, transaction.rev(), null);
            case INCR:
                return ok(request, transaction.rev(), transaction.incr(request.path(), request.by()));
            case LOAD:
                transaction.load(request.path(), request.value(), request.merge());
                return ok(request, transaction.rev(), null);
            default:
                throw new IllegalArgumentException("not a write: " + request.op());
        }
    }

    private void checkConditions(Request request) {
        if (request.ifAbsent() && tree.exists(request.path())) {
            throw new StoreException(ErrorCode.CONDITION_FAILED, request.path() + " already has a value");
        }
        if (request.ifValue() != null && !tree.holds(request.path(), request.ifValue())) {
            throw new StoreException(ErrorCode.CONDITION_FAILED, request.path() + " does not hold the expected value");
        }
        if (request.ifRev() != null) {
            long modRev = tree.modRev(request.path());
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
                Tree.Lookup lookup = tree.get(request.path());
                return new Reply(request.id(), rev, lookup.value(), lookup.modRev(), null, null, null, null);
            }
            case KEYS: {
                Long limit = request.limit();
                Tree.KeysPage page = tree.keys(request.path(), request.prefix(), request.after(),
                        limit == null ? DEFAULT_KEYS_LIMIT : (int) Math.min(limit, Integer.MAX_VALUE));
                return new Reply(request.id(), rev, request.kinds() ? withKinds(page) : page.keys(), null, page.more(), null, null, null);
            }
            default:
                throw new IllegalArgumentException("not a dictionary op: " + request.op());
        }
    }

    /** A request's successful reply, made with its id rather than copied to add it: one reply per request. */
    private static Reply ok(Request request, long rev, Object value) {
        return new Reply(request.id(), rev, value, null, null, null, null, null);
    }

    /** A page as {@code [{"key":..,"kind":..}]}: what completion needs to go on into an object or an array. */
    private static List<Object> withKinds(Tree.KeysPage page) {
        List<Object> listed = new ArrayList<>(page.keys().size());
        for (int i = 0; i < page.keys().size(); i++) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("key", page.keys().get(i));
            entry.put("kind", page.kinds().get(i));
            listed.add(entry);
        }
        return listed;
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
