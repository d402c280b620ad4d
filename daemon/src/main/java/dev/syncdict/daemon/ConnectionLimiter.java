package dev.syncdict.daemon;

import dev.syncdict.protocol.ErrorCode;
import dev.syncdict.protocol.Reply;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Counts open connections, in all and per peer address, and turns away those past either limit
 * with an error line instead of the hello. A refused connection's input is swallowed here while it
 * lingers, so it never reaches the handshake.
 */
@ChannelHandler.Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(ConnectionLimiter.class.getName());

    private static final AttributeKey<Boolean> REFUSED = AttributeKey.valueOf("syncdict.refused");

    private final int total;
    private final int perAddress;
    private final AtomicInteger open = new AtomicInteger();
    /** Open connections per address; an address leaves the map with its last connection. */
    private final ConcurrentHashMap<InetAddress, Integer> byAddress = new ConcurrentHashMap<>();

    ConnectionLimiter(ConnectionLimits limits) {
        this.total = limits.total();
        this.perAddress = limits.perAddress();
    }

    int open() {
        return open.get();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        int all = open.incrementAndGet();
        int fromAddress = byAddress.merge(peer(ctx), 1, Integer::sum);
        if (all > total) {
            refuse(ctx, ErrorCode.TOO_MANY_CONNECTIONS, "the daemon already serves its maximum of " + total
                    + " connections (syncdictd --max-connections)");
        } else if (fromAddress > perAddress) {
            refuse(ctx, ErrorCode.TOO_MANY_FROM_ADDRESS, "the daemon already serves the maximum of " + perAddress
                    + " connections from " + peer(ctx).getHostAddress() + " (syncdictd --max-connections-per-address)");
        } else {
            ctx.fireChannelActive();
        }
    }

    private static void refuse(ChannelHandlerContext ctx, ErrorCode code, String message) {
        ctx.channel().attr(REFUSED).set(Boolean.TRUE);
        LOG.warning("refused " + ctx.channel().remoteAddress() + ": " + message);
        // Not passed on: the refused connection never gets a hello.
        LingeringClose.after(ctx.writeAndFlush(LineBuffers.of(Reply.error(0, code, message))));
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
        byAddress.computeIfPresent(peer(ctx), (address, count) -> count == 1 ? null : count - 1);
        if (!ctx.channel().hasAttr(REFUSED)) {
            ctx.fireChannelInactive();
        }
    }

    /** The peer's address; a connection without one (a test's local channel) counts as loopback. */
    static InetAddress peer(ChannelHandlerContext ctx) {
        SocketAddress address = ctx.channel().remoteAddress();
        return address instanceof InetSocketAddress ? ((InetSocketAddress) address).getAddress() : InetAddress.getLoopbackAddress();
    }
}
