package dev.syncdict.daemon;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands the lines of each read to the owner as one {@link Batch}. While a batch is in flight the
 * connection stops reading, and its {@link Outbox} resumes reading once the replies are written:
 * a client that pipelines without reading its replies is held back by its own socket instead of
 * filling the daemon's memory. One per connection: it holds the batch being read.
 */
final class RequestHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(RequestHandler.class.getName());

    private final Consumer<Batch> owner;
    private final Outbox outbox;
    private List<DecodedLine> reading = new ArrayList<>();

    RequestHandler(Consumer<Batch> owner, Outbox outbox) {
        this.owner = owner;
        this.outbox = outbox;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!outbox.isClosing()) {
            reading.add((DecodedLine) msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (reading.isEmpty()) {
            return;
        }
        List<DecodedLine> lines = reading;
        reading = new ArrayList<>();
        ctx.channel().config().setAutoRead(false);
        owner.accept(new Batch(outbox, lines));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        owner.accept(new Batch(outbox, List.of(DecodedLine.CLOSED)));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            LOG.log(Level.WARNING, "closing connection from " + ctx.channel().remoteAddress() + " after an error", cause);
        }
        // An IOException is a client gone away (reset, broken pipe): nothing to report.
        ctx.close();
    }
}
