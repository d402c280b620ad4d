package dev.syncdict.daemon;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
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
            if (!(channel instanceof DuplexChannel) || !channel.isActive()) {
                channel.close();
                return;
            }
            SslHandler tls = channel.pipeline().get(SslHandler.class);
            if (tls == null) {
                halfClose(channel);
            } else {
                // TLS says goodbye first (close_notify), so that a client does not take the end for a cut.
                tls.closeOutbound().addListener(said -> halfClose(channel));
            }
        });
    }

    private static void halfClose(Channel channel) {
        ((DuplexChannel) channel).shutdownOutput();
        if (channel.pipeline().get(Discard.class) == null) {
            channel.pipeline().addFirst(new Discard());
        }
        channel.config().setAutoRead(true);
    }

    /**
     * Ends every connection this way once the replies already written to it have been sent, and
     * waits until they are closed (or the bound has passed, when they are closed outright).
     */
    static void closeAll(ChannelGroup connections) {
        for (Channel channel : connections) {
            SslHandler tls = channel.pipeline().get(SslHandler.class);
            if (tls != null && !tls.handshakeFuture().isDone()) {
                // No TLS session yet, so no reply to keep: a write would wait for a handshake that may never come.
                channel.close();
            } else {
                after(channel.writeAndFlush(Unpooled.EMPTY_BUFFER));
            }
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
        private ScheduledFuture<?> bound;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            bound = ctx.executor().schedule(() -> ctx.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
            restartQuiet(ctx);
        }

        /** Closed early (quiet, or by the client): the timers let go of the connection now, not in two seconds. */
        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            bound.cancel(false);
            quiet.cancel(false);
            ctx.fireChannelInactive();
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
