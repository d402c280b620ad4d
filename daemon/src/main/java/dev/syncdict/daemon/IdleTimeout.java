package dev.syncdict.daemon;

import dev.syncdict.protocol.ErrorCode;
import dev.syncdict.protocol.Reply;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Ends a connection that has sent no request for the idle timeout, with an {@code idle_timeout}
 * line. A connection is not idle while the daemon still owes it replies (it reads again only once
 * they are written), nor while it has a watch open: a watcher waits for changes by design. One per
 * connection, between the handshake and the request handler; it runs on the channel's event loop.
 */
final class IdleTimeout extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(IdleTimeout.class.getName());

    private final long timeoutNanos;
    private final Outbox outbox;
    private final LongSupplier revision;
    private long lastRequestNanos;
    private ScheduledFuture<?> check;
    private boolean ended;

    IdleTimeout(Duration timeout, Outbox outbox, LongSupplier revision) {
        this.timeoutNanos = timeout.toNanos();
        this.outbox = outbox;
        this.revision = revision;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        lastRequestNanos = System.nanoTime();
        schedule(ctx, timeoutNanos);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (ended) {
            ReferenceCountUtil.release(msg);
            return;
        }
        lastRequestNanos = System.nanoTime();
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        check.cancel(false);
        ctx.fireChannelInactive();
    }

    private void schedule(ChannelHandlerContext ctx, long delayNanos) {
        check = ctx.executor().schedule(() -> checkIdle(ctx), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void checkIdle(ChannelHandlerContext ctx) {
        long quiet = System.nanoTime() - lastRequestNanos;
        // A batch in flight waits for its replies, or the client for its outbox to drain.
        boolean busy = outbox.unanswered() > 0 || outbox.isWatching();
        if (busy || quiet < timeoutNanos) {
            schedule(ctx, busy ? timeoutNanos : timeoutNanos - quiet);
            return;
        }
        ended = true;
        String message = "no request for " + Duration.ofNanos(timeoutNanos).toMillis() + " ms: closing the idle connection"
                + " (syncdictd --idle-timeout)";
        LOG.info("closed " + ctx.channel().remoteAddress() + ": " + message);
        LingeringClose.after(ctx.writeAndFlush(LineBuffers.of(Reply.error(revision.getAsLong(), ErrorCode.IDLE_TIMEOUT, message))));
    }
}
