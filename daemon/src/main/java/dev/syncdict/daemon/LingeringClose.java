package dev.syncdict.daemon;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection after its last reply without losing that reply. Closing a socket that still
 * has unread input makes the kernel send a reset and drop what it had not sent yet, which can
 * destroy replies before the client reads them; so the daemon half-closes (FIN after the last
 * reply), then reads and discards what the client still sends, and closes once the client closes,
 * once it has sent nothing for a moment (nothing is then left unread), or at the latest after a
 * bound (a client that keeps sending must not hold the connection).
 */
final class LingeringClose {

    /** The longest a client may keep sending before the connection is dropped. */
    static final long LINGER_MILLIS = 2000;
    /** Nothing received for this long: the client has stopped sending, and closing resets nothing. */
    static final long QUIET_MILLIS = 50;

    private LingeringClose() {}

    /** Once this write completes, half-close and drop the connection shortly after. */
    static void after(ChannelFuture lastWrite) {
        lastWrite.addListener(f -> {
            Channel channel = lastWrite.channel();
            if (channel instanceof DuplexChannel && channel.isActive()) {
                ((DuplexChannel) channel).shutdownOutput();
                if (channel.pipeline().get(Discard.class) == null) {
                    channel.pipeline().addFirst(new Discard());
                }
                channel.config().setAutoRead(true);
            } else {
                channel.close();
            }
        });
    }

    /**
     * Ends every connection this way once the replies already written to it have been sent, and
     * waits until they are closed (or the bound has passed, when they are closed outright).
     */
    static void closeAll(ChannelGroup connections) {
        for (Channel channel : connections) {
            after(channel.writeAndFlush(Unpooled.EMPTY_BUFFER));
        }
        connections.newCloseFuture().awaitUninterruptibly(LINGER_MILLIS + QUIET_MILLIS);
        connections.close().syncUninterruptibly();
    }

    /**
     * First in a lingering connection's pipeline: drops whatever arrives before any other handler
     * sees it, and closes the connection once it has been quiet for {@link #QUIET_MILLIS} or has
     * lingered for {@link #LINGER_MILLIS}.
     */
    private static final class Discard extends ChannelInboundHandlerAdapter {

        private ScheduledFuture<?> quiet;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ctx.executor().schedule(() -> ctx.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
            restartQuiet(ctx);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
            restartQuiet(ctx);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            // Nothing passed on, so the handlers behind have nothing to complete.
        }

        private void restartQuiet(ChannelHandlerContext ctx) {
            if (quiet != null) {
                quiet.cancel(false);
            }
            quiet = ctx.executor().schedule(() -> ctx.close(), QUIET_MILLIS, TimeUnit.MILLISECONDS);
        }
    }
}
