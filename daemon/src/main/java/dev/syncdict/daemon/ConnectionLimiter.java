package dev.syncdict.daemon;

import dev.syncdict.protocol.ErrorCode;
import dev.syncdict.protocol.Reply;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Counts open connections and turns away those past the limit with an error line. A refused
 * connection's input is swallowed here while it lingers, so it never reaches the handshake.
 */
@ChannelHandler.Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(ConnectionLimiter.class.getName());

    private static final AttributeKey<Boolean> REFUSED = AttributeKey.valueOf("syncdict.refused");

    private final int max;
    private final AtomicInteger open = new AtomicInteger();

    ConnectionLimiter(int max) {
        this.max = max;
    }

    int open() {
        return open.get();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (open.incrementAndGet() > max) {
            ctx.channel().attr(REFUSED).set(Boolean.TRUE);
            LOG.warning("refused " + ctx.channel().remoteAddress() + ": already serving the maximum of " + max + " connections");
            // Not passed on: the refused connection never gets a hello.
            LingeringClose.after(ctx.writeAndFlush(LineBuffers.of(Reply.error(0, ErrorCode.TOO_MANY_CONNECTIONS,
                    "the daemon already serves its maximum of " + max + " connections"))));
            return;
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (ctx.channel().hasAttr(REFUSED)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        open.decrementAndGet();
        if (!ctx.channel().hasAttr(REFUSED)) {
            ctx.fireChannelInactive();
        }
    }
}
