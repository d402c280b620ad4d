package dev.syncdict.daemon;

import dev.syncdict.protocol.Reply;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * A connection's replies and watch events on their way out, bounded. The owner appends lines to
 * the group's buffer and counts them in; they are counted out once the socket took them. Past the high-water mark the owner answers none of the connection's further lines until
 * the client has read enough (below half the mark); a watcher further behind than its limit loses
 * its watch instead (the {@link WatchHub} checks). A client that reads nothing for the stall
 * timeout while held back is disconnected, with the reason in the log. So a connection costs at
 * most the mark plus one reply, or the watch limit, whatever it asks for, and never makes another
 * wait.
 *
 * <p>Own counters rather than the channel's writability: bytes must count from the moment they
 * are encoded, before the commit listeners release them, not once they reach Netty.
 *
 * <p>Plain fields: the daemon's one event loop both owns the store (appends, releases) and serves
 * the connection (writes, drains), so nothing here crosses threads (docs/CONCURRENCY.md); only
 * the {@link OutboxBudget}, which others read, is thread-safe.
 */
final class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());

    /** What the connection does once a release is written. */
    enum Then {
        /** The batch is answered: read the next one. */
        READ_MORE,
        /** The batch stopped at the high-water mark: go on with it once the client has read. */
        RESUME_BATCH,
        /** A framing violation: close after the reply. */
        CLOSE,
        /** A shutdown request: close and stop the daemon. */
        SHUTDOWN,
        /** Only events were added (no batch of this connection in the group): just write them. */
        WRITE_ONLY
    }

    private final Channel channel;
    private final long highWater;
    private final OutboxBudget budget;
    private final int maxReplyBytes;
    private final Duration stallTimeout;
    private final Consumer<Batch> resume;
    private final Consumer<Outbox> touched;
    private final Runnable answered;
    private final Runnable shutdownDaemon;
    /** Bytes encoded for the connection and not yet taken by its socket. */
    private long pending;
    private boolean closing;
    private boolean watching;
    private ReplyBuffer group;
    /** Lines of the connection's batch in flight, 0 once it is answered and written. */
    private int unanswered;
    private Batch waiting;
    private long drained;

    /**
     * @param touched told, on the owner's thread, the first time a group adds to this outbox, so
     *     that the owner releases it with the group
     * @param answered told, on the event loop, once a batch is answered and its replies written
     */
    Outbox(Channel channel, DaemonConfig config, OutboxBudget budget, Consumer<Batch> resume, Consumer<Outbox> touched,
            Runnable answered, Runnable shutdownDaemon) {
        this.channel = channel;
        this.budget = budget;
        this.highWater = config.outboxBytes();
        this.maxReplyBytes = config.maxReplyBytes();
        this.stallTimeout = config.stallTimeout();
        this.resume = resume;
        this.touched = touched;
        this.answered = answered;
        this.shutdownDaemon = shutdownDaemon;
    }

    /** Owner: whether the lines waiting have reached the high-water mark, or more than their share of a spent budget. */
    boolean isFull() {
        return pending >= highWater || budget.holdsBack(pending);
    }

    /** Whether a connection held back may be answered again. */
    private boolean mayResume() {
        return pending <= highWater / 2 && budget.releases(pending);
    }

    /** Counts bytes into (positive) or out of (negative) this outbox and the budget. */
    private void count(long bytes) {
        budget.add(bytes);
        pending += bytes;
    }

    /** Owner: the bytes encoded for this connection and not yet taken by its socket. */
    long pendingBytes() {
        return pending;
    }

    /** Whether the connection is ending: whatever it still sends is dropped, and no event is added. */
    boolean isClosing() {
        return closing || !channel.isActive();
    }

    /** Event loop: a batch of this many lines goes to the owner. */
    void handedOver(int lines) {
        unanswered = lines;
    }

    /** Event loop: the lines of the batch in flight, 0 when the connection is owed nothing. */
    int unanswered() {
        return unanswered;
    }

    /** Whether the connection has a watch open: it waits for events, so it is never idle. */
    boolean isWatching() {
        return watching;
    }

    /** Owner ({@link WatchHub}): the connection opened its first watch, or closed its last. */
    void watching(boolean open) {
        watching = open;
    }

    /** Owner: appends a reply to this group's lines; one past the reply limit becomes a too_large error. */
    void append(Reply reply) {
        count(buffer().add(reply));
    }

    /** Owner: appends a line already encoded (a watch event, its newline included). */
    void append(byte[] line) {
        buffer().addLine(line);
        count(line.length);
    }

    private ReplyBuffer buffer() {
        if (group == null) {
            group = new ReplyBuffer(channel.alloc(), maxReplyBytes);
            touched.accept(this);
        }
        return group;
    }

    /** Owner: sends this group's lines, then does what the connection's batch needs next. */
    void release(Batch batch, Then then) {
        int size = group == null ? 0 : group.size();
        ChannelFuture written = group == null ? channel.newSucceededFuture() : channel.writeAndFlush(group.toBuffer());
        group = null;
        if (then == Then.READ_MORE) {
            // Every answered batch comes this way: one listener, not one for the bytes and one for the batch.
            written.addListener(f -> {
                drained(size);
                unanswered = 0;
                answered.run();
            });
            return;
        }
        written.addListener(f -> drained(size));
        switch (then) {
            case RESUME_BATCH:
                channel.eventLoop().execute(() -> awaitDrain(batch));
                break;
            case SHUTDOWN:
                written.addListener(f -> {
                    LOG.info("stopping: shutdown requested by " + channel.remoteAddress());
                    shutdownDaemon.run();
                });
                closeAfter(written);
                break;
            case CLOSE:
                closeAfter(written);
                break;
            case WRITE_ONLY:
                break;
            default:
                throw new AssertionError(then);
        }
    }

    /** Owner: how much of this group's lines there is so far, for {@link #rollback}. */
    long mark() {
        return group == null ? 0 : group.size();
    }

    /** Owner: drops this group's lines after a mark (their writes were undone, to be answered again). */
    void rollback(long mark) {
        if (group != null) {
            count(mark - group.size());
            group.truncate((int) mark);
        }
    }

    private void closeAfter(ChannelFuture written) {
        closing = true;
        LingeringClose.after(written);
    }

    /**
     * Goes on with a batch held back at the high-water mark once the client has read enough; the
     * batch of a connection that has ended is dropped instead, as the bytes left unread in its
     * socket are: its end was queued to the owner before it, so nothing of it may follow.
     */
    private void awaitDrain(Batch batch) {
        if (!channel.isActive()) {
            return;
        }
        if (mayResume()) {
            resume.accept(batch);
            return;
        }
        waiting = batch;
        watchForStall(drained);
    }

    private void drained(int bytes) {
        if (bytes == 0) {
            // The release had no lines to write.
            return;
        }
        drained += bytes;
        count(-bytes);
        if (waiting != null && !channel.isActive()) {
            waiting = null;
        } else if (waiting != null && mayResume()) {
            Batch batch = waiting;
            waiting = null;
            resume.accept(batch);
        }
    }

    private void watchForStall(long drainedBefore) {
        channel.eventLoop().schedule(() -> {
            if (waiting == null || !channel.isActive()) {
                return;
            }
            if (drained == drainedBefore) {
                LOG.warning("closing connection from " + channel.remoteAddress() + ": it read none of its replies for "
                        + stallTimeout.toMillis() + " ms while " + pending + " bytes waited");
                waiting = null;
                closing = true;
                channel.close();
            } else {
                watchForStall(drained);
            }
        }, stallTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
