package dev.syncdict.daemon;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * A connection's replies on their way out, bounded. The owner counts each reply in as it encodes
 * it, the event loop counts it out once the socket took it; past the high-water mark the owner
 * answers none of the connection's further lines until the client has read enough (below half
 * the mark). A client that reads nothing for the stall timeout while held back is disconnected,
 * with the reason in the log. So a connection costs at most the mark plus one reply, whatever it
 * asks for, and never makes another wait.
 *
 * <p>Own counters rather than the channel's writability: the bytes must be counted from the
 * moment they are encoded, before the commit listeners release them, not once they reach Netty.
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
        SHUTDOWN
    }

    private final Channel channel;
    private final long highWater;
    private final Duration stallTimeout;
    private final Consumer<Batch> resume;
    private final Runnable shutdownDaemon;
    private final AtomicLong pending = new AtomicLong();
    private volatile boolean closing;
    // Touched only on the channel's event loop:
    private Batch waiting;
    private long drained;

    Outbox(Channel channel, int highWater, Duration stallTimeout, Consumer<Batch> resume, Runnable shutdownDaemon) {
        this.channel = channel;
        this.highWater = highWater;
        this.stallTimeout = stallTimeout;
        this.resume = resume;
        this.shutdownDaemon = shutdownDaemon;
    }

    /** Owner: whether the replies waiting have reached the high-water mark. */
    boolean isFull() {
        return pending.get() >= highWater;
    }

    /** Owner: counts in the bytes of a reply just encoded for this connection. */
    void reserve(int bytes) {
        pending.addAndGet(bytes);
    }

    /** Whether the connection is ending: whatever it still sends is dropped. */
    boolean isClosing() {
        return closing;
    }

    /** Owner: sends the replies of one release, then does what the batch needs next. */
    void release(ReplyBuffer replies, Batch batch, Then then) {
        int size = replies.size();
        ChannelFuture written = channel.writeAndFlush(replies.toBuffer());
        written.addListener(f -> drained(size));
        switch (then) {
            case READ_MORE:
                written.addListener(f -> channel.config().setAutoRead(true));
                break;
            case RESUME_BATCH:
                channel.eventLoop().execute(() -> awaitDrain(batch));
                break;
            case SHUTDOWN:
                written.addListener(f -> shutdownDaemon.run());
                closeAfter(written);
                break;
            case CLOSE:
                closeAfter(written);
                break;
            default:
                throw new AssertionError(then);
        }
    }

    /** Owner: drops the connection without its replies (their commits were refused by a listener). */
    void abandon(ReplyBuffer replies, String why) {
        pending.addAndGet(-replies.size());
        closing = true;
        LOG.warning("closing connection from " + channel.remoteAddress() + " unanswered: " + why);
        channel.close();
    }

    private void closeAfter(ChannelFuture written) {
        closing = true;
        LingeringClose.after(written);
    }

    private void awaitDrain(Batch batch) {
        if (pending.get() <= highWater / 2) {
            resume.accept(batch);
            return;
        }
        waiting = batch;
        watchForStall(drained);
    }

    private void drained(int bytes) {
        drained += bytes;
        if (pending.addAndGet(-bytes) <= highWater / 2 && waiting != null) {
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
                        + stallTimeout.toMillis() + " ms while " + pending.get() + " bytes waited");
                waiting = null;
                closing = true;
                channel.close();
            } else {
                watchForStall(drained);
            }
        }, stallTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
