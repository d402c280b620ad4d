package dev.syncdict.daemon;

import dev.syncdict.protocol.ErrorCode;
import dev.syncdict.protocol.Reply;
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
 * filling the daemon's memory. A batch is what the connection has unanswered, so lines past the
 * in-flight limit are answered {@code too_many_in_flight} in their place instead of being applied.
 * One per connection: it holds the batch being read.
 */
final class RequestHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(RequestHandler.class.getName());

    private final Consumer<Batch> owner;
    private final Outbox outbox;
    private final int maxInFlight;
    private List<DecodedLine> reading = new ArrayList<>();

    RequestHandler(Consumer<Batch> owner, Outbox outbox, int maxInFlight) {
        this.owner = owner;
        this.outbox = outbox;
        this.maxInFlight = maxInFlight;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (outbox.isClosing()) {
            return;
        }
        DecodedLine line = (DecodedLine) msg;
        reading.add(reading.size() < maxInFlight || line.fatal() ? line : DecodedLine.rejected(line.id(), new Reply.Error(
                ErrorCode.TOO_MANY_IN_FLIGHT, "this connection already has " + maxInFlight + " requests unanswered: read replies"
                        + " before sending more (syncdictd --max-in-flight); this one was not applied"), false));
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
