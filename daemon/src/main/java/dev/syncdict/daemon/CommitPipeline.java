package dev.syncdict.daemon;

import dev.syncdict.daemon.store.Commit;
import dev.syncdict.daemon.store.Store;
import dev.syncdict.protocol.ErrorCode;
import dev.syncdict.protocol.Op;
import dev.syncdict.protocol.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one path of every request, once its order is decided: apply each batch's lines in turn,
 * hand the group's commits to the listeners in revision order, and only once they have accepted
 * them release the group's replies to their outboxes. It does not care which thread calls
 * {@link #run}, only that one thread at a time does (today the {@link Sequencer}'s; a test's own).
 */
final class CommitPipeline {

    private static final Logger LOG = Logger.getLogger(CommitPipeline.class.getName());

    private final Dispatcher dispatcher;
    private final List<CommitListener> listeners;
    private final int maxReplyBytes;
    private volatile long publishedRevision;

    CommitPipeline(Dispatcher dispatcher, List<CommitListener> listeners, int maxReplyBytes) {
        this.dispatcher = dispatcher;
        this.listeners = List.copyOf(listeners);
        this.maxReplyBytes = maxReplyBytes;
        this.publishedRevision = dispatcher.revision();
    }

    /** The revision of the last group released, readable from any thread (the handshake's reply carries it). */
    long revision() {
        return publishedRevision;
    }

    /** Applies a group of batches, tells the listeners, then releases the replies. */
    void run(List<Batch> batches) {
        List<Answered> group = new ArrayList<>(batches.size());
        List<Commit> commits = new ArrayList<>();
        for (Batch batch : batches) {
            group.add(answer(batch, commits));
        }
        String refused = commits.isEmpty() ? null : tellListeners(commits);
        publishedRevision = dispatcher.revision();
        for (Answered answered : group) {
            if (refused != null && answered.wrote()) {
                answered.batch().outbox().abandon(answered.replies(), refused);
            } else {
                answered.batch().outbox().release(answered.replies(), answered.batch(), answered.then());
            }
        }
    }

    /** A batch's replies in this group, whether any of its requests wrote, and what its connection does next. */
    private record Answered(Batch batch, ReplyBuffer replies, boolean wrote, Outbox.Then then) {}

    private Answered answer(Batch batch, List<Commit> commits) {
        ReplyBuffer replies = new ReplyBuffer(maxReplyBytes);
        boolean wrote = false;
        while (batch.hasNext()) {
            if (batch.outbox().isFull()) {
                return new Answered(batch, replies, wrote, Outbox.Then.RESUME_BATCH);
            }
            DecodedLine line = batch.next();
            Store.Applied applied = apply(line);
            if (applied.commit() != null) {
                commits.add(applied.commit());
                wrote = true;
            }
            batch.outbox().reserve(encode(applied.reply(), line, replies));
            if (line.fatal()) {
                return new Answered(batch, replies, wrote, Outbox.Then.CLOSE);
            }
            if (line.request() != null && line.request().op() == Op.SHUTDOWN) {
                return new Answered(batch, replies, wrote, Outbox.Then.SHUTDOWN);
            }
        }
        return new Answered(batch, replies, wrote, Outbox.Then.READ_MORE);
    }

    /**
     * Applies one line. Whatever escapes (a bug, an OutOfMemoryError) costs that request an
     * internal error, never the owner its thread; the store has already undone the request.
     */
    private Store.Applied apply(DecodedLine line) {
        try {
            return line.request() == null
                    ? new Store.Applied(Reply.error(dispatcher.revision(), line.error()).withId(line.id()), null)
                    : dispatcher.handle(line.request());
        } catch (Throwable t) {
            LOG.log(Level.SEVERE, "internal error on " + line.request().op().wireName(), t);
            return new Store.Applied(internalError(line, t), null);
        }
    }

    /** Encodes a reply; a fault in encoding (a bug, no memory left for it) costs that one reply an internal error. */
    private int encode(Reply reply, DecodedLine line, ReplyBuffer replies) {
        try {
            return replies.add(reply);
        } catch (Throwable e) {
            LOG.log(Level.SEVERE, "could not encode the reply to " + (line.request() == null ? "a rejected line" : line.request().op().wireName()), e);
            return replies.add(internalError(line, e));
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
