package dev.syncdict.daemon;

import dev.syncdict.protocol.ErrorCode;
import dev.syncdict.protocol.Reply;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts open connections and turns away those past the limit with an error line. */
@ChannelHandler.Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {

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
            // Not passed on: the refused connection never gets a hello.
            ctx.writeAndFlush(Wire.line(Reply.error(0, ErrorCode.TOO_MANY_CONNECTIONS,
                    "the daemon already serves its maximum of " + max + " connections")))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        open.decrementAndGet();
        ctx.fireChannelInactive();
    }
}
