package dev.syncdict.daemon;

import dev.syncdict.daemon.store.Commit;
import dev.syncdict.daemon.store.Store;
import dev.syncdict.protocol.ErrorCode;
import dev.syncdict.protocol.Op;
import dev.syncdict.protocol.Reply;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one path of every request, once its order is decided: apply each batch's lines in turn,
 * hand the group's commits to the listeners in revision order (the log records them, then the
 * watch hub adds its events to the watchers' outboxes), and only once they have accepted them
 * release every outbox the group added to; when the log refuses them, undo them and answer
 * again. It does not care which thread calls {@link #run}, only that one thread at a time does
 * (today the {@link Sequencer}'s; a test's own).
 */
final class CommitPipeline {

    private static final Logger LOG = Logger.getLogger(CommitPipeline.class.getName());

    private final Dispatcher dispatcher;
    private final List<CommitListener> listeners;
    /** The outboxes this group has added lines to, in the order it did. */
    private final List<Outbox> touched = new ArrayList<>();
    /** The group being run, and what each of its batches came to: made once, emptied for each group. */
    private final Group group = new Group();
    private final Map<Outbox, Answered> answered = new HashMap<>();
    private final FailedChains chains = new FailedChains();
    private volatile long publishedRevision;

    CommitPipeline(Dispatcher dispatcher, List<CommitListener> listeners) {
        this.dispatcher = dispatcher;
        this.listeners = List.copyOf(listeners);
        this.publishedRevision = dispatcher.revision();
    }

    /** The revision of the last group released, readable from any thread (the handshake's reply carries it). */
    long revision() {
        return publishedRevision;
    }

    /** Owner: an outbox received its first line of this group. */
    void touched(Outbox outbox) {
        touched.add(outbox);
    }

    /**
     * Applies a group of batches, tells the listeners, then releases the lines; returns the batches
     * that stopped before a line acting beyond the dictionary, to go first in the next group.
     *
     * <p>When a listener refuses the group (the log could not record it), its commits are undone
     * and every line from the group's first write on is answered again, each write refused
     * {@code io_error} and each read against the dictionary without them.
     */
    List<Batch> run(List<Batch> batches) {
        // Emptied here rather than at the end, so that a group that failed halfway leaves nothing to the next.
        group.clear();
        answered.clear();
        for (Batch batch : batches) {
            answered.put(batch.outbox(), answer(batch, group, null));
        }
        String refused = group.commits.isEmpty() ? null : tellListeners(group.commits);
        if (refused == null) {
            dispatcher.settle();
        } else {
            dispatcher.undoUnsettled();
            for (Redo redo : group.redos) {
                redo.batch().outbox().rollback(redo.mark());
                chains.restore(redo.batch().outbox(), redo.failedChain());
                redo.batch().rewind(redo.position());
                answered.put(redo.batch().outbox(), answer(redo.batch(), new Group(), refused));
            }
        }
        publishedRevision = dispatcher.revision();
        List<Batch> carried = new ArrayList<>();
        for (Outbox outbox : touched) {
            Answered batch = answered.remove(outbox);
            outbox.release(batch == null ? null : batch.batch(), batch == null ? Outbox.Then.WRITE_ONLY : batch.then());
            if (batch != null && batch.carried()) {
                carried.add(batch.batch());
            }
        }
        touched.clear();
        // A batch that added nothing (it only closed, or stopped before its first line) still goes on.
        answered.forEach((outbox, batch) -> {
            outbox.release(batch.batch(), batch.then());
            if (batch.carried()) {
                carried.add(batch.batch());
            }
        });
        // Emptied at the end too: an idle daemon must not keep its last group's commits and values.
        group.clear();
        answered.clear();
        return carried;
    }

    /** What a batch came to in this group: what its connection does next, and whether it goes on in the next group. */
    private record Answered(Batch batch, Outbox.Then then, boolean carried) {

        Answered(Batch batch, Outbox.Then then) {
            this(batch, then, false);
        }
    }

    /**
     * Where a batch's answers begin to depend on the group's commits: what a refusal answers again,
     * from its connection's failed chain as it was there.
     */
    private record Redo(Batch batch, int position, long mark, Object failedChain) {}

    /** The group's commits so far, and where each batch's answers began to depend on them. */
    private static final class Group {
        final List<Commit> commits = new ArrayList<>();
        final List<Redo> redos = new ArrayList<>();

        void clear() {
            commits.clear();
            redos.clear();
        }
    }

    /**
     * Answers a batch's lines in turn; with {@code refusal}, every write is answered io_error
     * instead of applied. A line acting beyond the dictionary waits for the next group when this
     * one holds commits not yet recorded (or is being answered again): nothing could undo it.
     */
    private Answered answer(Batch batch, Group group, String refusal) {
        Outbox outbox = batch.outbox();
        if (!group.commits.isEmpty()) {
            group.redos.add(new Redo(batch, batch.position(), outbox.mark(), chains.failed(outbox)));
        }
        while (batch.hasNext()) {
            if (outbox.isFull()) {
                return new Answered(batch, Outbox.Then.RESUME_BATCH);
            }
            int position = batch.position();
            long mark = outbox.mark();
            DecodedLine line = batch.next();
            if (line == DecodedLine.CLOSED) {
                dispatcher.closed(outbox);
                chains.closed(outbox);
                return new Answered(batch, Outbox.Then.WRITE_ONLY);
            }
            if (line.request() != null && Dispatcher.actsBeyondTheStore(line.request()) && (!group.commits.isEmpty() || refusal != null)) {
                batch.rewind(position);
                return new Answered(batch, Outbox.Then.WRITE_ONLY, true);
            }
            Reply skipped = chains.skip(line, outbox, dispatcher.revision());
            Store.Applied applied = skipped != null ? new Store.Applied(skipped, null)
                    : refusal != null && isWrite(line) ? refuse(line, refusal) : apply(line, outbox);
            if (applied.commit() != null) {
                if (group.commits.isEmpty()) {
                    // A line that commits succeeded, so its connection's failed chain is as it was before it.
                    group.redos.add(new Redo(batch, position, mark, chains.failed(outbox)));
                }
                group.commits.add(applied.commit());
            }
            if (applied.reply() != null) {
                chains.answered(line, append(applied.reply(), line, outbox), outbox);
            }
            if (line.fatal()) {
                return new Answered(batch, Outbox.Then.CLOSE);
            }
            if (line.request() != null && line.request().op() == Op.SHUTDOWN) {
                return new Answered(batch, Outbox.Then.SHUTDOWN);
            }
        }
        return new Answered(batch, Outbox.Then.READ_MORE);
    }

    private static boolean isWrite(DecodedLine line) {
        return line.request() != null && line.request().op().access() == Op.Access.WRITE;
    }

    private Store.Applied refuse(DecodedLine line, String refusal) {
        return new Store.Applied(Reply.error(dispatcher.revision(), ErrorCode.IO_ERROR, refusal).withId(line.id()), null);
    }

    /**
     * Applies one line. Whatever escapes (a bug, an OutOfMemoryError) costs that request an
     * internal error, never the owner its thread; the store has already undone the request.
     */
    private Store.Applied apply(DecodedLine line, Outbox outbox) {
        try {
            return line.request() == null
                    ? new Store.Applied(Reply.error(dispatcher.revision(), line.error()).withId(line.id()), null)
                    : dispatcher.handle(line.request(), outbox);
        } catch (Throwable t) {
            LOG.log(Level.SEVERE, "internal error on " + line.request().op().wireName(), t);
            return new Store.Applied(internalError(line, t), null);
        }
    }

    /**
     * Encodes a reply and returns it; a fault in encoding (a bug, no memory left for it) costs that
     * one reply an internal error, which is returned instead.
     */
    private Reply append(Reply reply, DecodedLine line, Outbox outbox) {
        try {
            outbox.append(reply);
            return reply;
        } catch (Throwable e) {
            LOG.log(Level.SEVERE, "could not encode the reply to " + (line.request() == null ? "a rejected line" : line.request().op().wireName()), e);
            Reply internal = internalError(line, e);
            outbox.append(internal);
            return internal;
        }
    }

    private Reply internalError(DecodedLine line, Throwable t) {
        return Reply.error(dispatcher.revision(), ErrorCode.INTERNAL, "internal error: " + t.getClass().getSimpleName()).withId(line.id());
    }

    /** Hands the group to every listener in turn; returns why it was refused, or null once all accepted it. */
    private String tellListeners(List<Commit> commits) {
        List<Commit> group = List.copyOf(commits);
        for (CommitListener listener : listeners) {
            try {
                listener.accept(group);
            } catch (Exception e) {
                LOG.log(Level.SEVERE, "a commit listener refused revisions " + group.get(0).revision() + " to "
                        + group.get(group.size() - 1).revision(), e);
                return "not written, nothing changed: " + e.getMessage();
            }
        }
        return null;
    }
}
