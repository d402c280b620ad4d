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
 * hand the group's commits to the listeners in revision order (the watch hub adds its events to
 * the watchers' outboxes then), and only once they have accepted them release every outbox the
 * group added to. It does not care which thread calls {@link #run}, only that one thread at a time
 * does (today the {@link Sequencer}'s; a test's own).
 */
final class CommitPipeline {

    private static final Logger LOG = Logger.getLogger(CommitPipeline.class.getName());

    private final Dispatcher dispatcher;
    private final List<CommitListener> listeners;
    /** The outboxes this group has added lines to, in the order it did. */
    private final List<Outbox> touched = new ArrayList<>();
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

    /** Applies a group of batches, tells the listeners, then releases the lines. */
    void run(List<Batch> batches) {
        Map<Outbox, Answered> answered = new HashMap<>();
        List<Commit> commits = new ArrayList<>();
        for (Batch batch : batches) {
            answered.put(batch.outbox(), answer(batch, commits));
        }
        String refused = commits.isEmpty() ? null : tellListeners(commits);
        publishedRevision = dispatcher.revision();
        for (Outbox outbox : touched) {
            Answered batch = answered.remove(outbox);
            if (refused != null && batch != null && batch.wrote()) {
                outbox.abandon(refused);
            } else {
                outbox.release(batch == null ? null : batch.batch(), batch == null ? Outbox.Then.WRITE_ONLY : batch.then());
            }
        }
        touched.clear();
        // A batch that added nothing (it only closed, or stopped before its first line) still goes on.
        answered.forEach((outbox, batch) -> outbox.release(batch.batch(), batch.then()));
    }

    /** What a batch came to in this group: whether any of its requests wrote, and what its connection does next. */
    private record Answered(Batch batch, boolean wrote, Outbox.Then then) {}

    private Answered answer(Batch batch, List<Commit> commits) {
        Outbox outbox = batch.outbox();
        boolean wrote = false;
        while (batch.hasNext()) {
            if (outbox.isFull()) {
                return new Answered(batch, wrote, Outbox.Then.RESUME_BATCH);
            }
            DecodedLine line = batch.next();
            if (line == DecodedLine.CLOSED) {
                dispatcher.closed(outbox);
                return new Answered(batch, wrote, Outbox.Then.WRITE_ONLY);
            }
            Store.Applied applied = apply(line, outbox);
            if (applied.commit() != null) {
                commits.add(applied.commit());
                wrote = true;
            }
            if (applied.reply() != null) {
                append(applied.reply(), line, outbox);
            }
            if (line.fatal()) {
                return new Answered(batch, wrote, Outbox.Then.CLOSE);
            }
            if (line.request() != null && line.request().op() == Op.SHUTDOWN) {
                return new Answered(batch, wrote, Outbox.Then.SHUTDOWN);
            }
        }
        return new Answered(batch, wrote, Outbox.Then.READ_MORE);
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

    /** Encodes a reply; a fault in encoding (a bug, no memory left for it) costs that one reply an internal error. */
    private void append(Reply reply, DecodedLine line, Outbox outbox) {
        try {
            outbox.append(reply);
        } catch (Throwable e) {
            LOG.log(Level.SEVERE, "could not encode the reply to " + (line.request() == null ? "a rejected line" : line.request().op().wireName()), e);
            outbox.append(internalError(line, e));
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
                return "its writes could not be recorded: " + e.getMessage();
            }
        }
        return null;
    }
}
