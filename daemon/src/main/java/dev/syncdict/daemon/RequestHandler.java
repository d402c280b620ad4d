package dev.syncdict.daemon;

import dev.syncdict.protocol.ErrorCode;
import dev.syncdict.protocol.Reply;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands the lines of each read to the owner as one {@link Batch}, one batch in flight at a time:
 * lines read while one is in flight wait here, and the connection stops reading until its
 * {@link Outbox} says the batch's replies are written. So a client that pipelines without reading
 * its replies is held back by its own socket instead of filling the daemon's memory. Reading is
 * paused only when that happens: a batch is usually answered and written in the loop turn that
 * read it, and pausing every time cost two epoll_ctl calls per batch. What the connection has
 * unanswered (the batch in flight and the lines waiting) is bounded: lines past the in-flight
 * limit are answered {@code too_many_in_flight} in their place instead of being applied. One per
 * connection: it holds the batch being read.
 */
final class RequestHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(RequestHandler.class.getName());

    private final Consumer<Batch> owner;
    private final Outbox outbox;
    private final int maxInFlight;
    private List<DecodedLine> reading = new ArrayList<>();
    /**
     * The lines of the batch in flight. Once it is answered its list is free, and the next batch
     * is read into it: two lists for the connection's life instead of one for every batch.
     */
    private List<DecodedLine> answering = new ArrayList<>();
    private ChannelHandlerContext ctx;

    /** @param outbox makes this handler's connection's outbox, given what to call once a batch is answered */
    RequestHandler(Consumer<Batch> owner, Function<Runnable, Outbox> outbox, int maxInFlight) {
        this.owner = owner;
        this.outbox = outbox.apply(this::answered);
        this.maxInFlight = maxInFlight;
    }

    Outbox outbox() {
        return outbox;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (outbox.isClosing()) {
            return;
        }
        DecodedLine line = (DecodedLine) msg;
        reading.add(outbox.unanswered() + reading.size() < maxInFlight || line.fatal() ? line : line.refused(new Reply.Error(
                ErrorCode.TOO_MANY_IN_FLIGHT, "this connection already has " + maxInFlight + " requests unanswered: read replies"
                        + " before sending more (syncdictd --max-in-flight); this one was not applied")));
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (reading.isEmpty()) {
            return;
        }
        if (outbox.unanswered() > 0) {
            ctx.channel().config().setAutoRead(false);
        } else {
            handOver();
        }
    }

    /** Event loop: the batch in flight is answered and its replies written; hand over what was read meanwhile, or read on. */
    private void answered() {
        // Its lines hold their requests' values (up to a whole line each): an idle connection keeps none.
        answering.clear();
        if (!reading.isEmpty()) {
            handOver();
        } else if (!ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    /** Only once the batch in flight is answered: its list then takes the lines read next. */
    private void handOver() {
        List<DecodedLine> lines = reading;
        reading = answering;
        reading.clear();
        answering = lines;
        outbox.handedOver(lines.size());
        owner.accept(new Batch(outbox, lines));
    }

    /**
     * The connection's end goes to the owner after every batch handed over before it. Lines still
     * waiting here behind a batch in flight are dropped, as bytes left unread in the socket are:
     * nothing the connection sent is applied after its end, and their replies had nowhere to go.
     */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        reading.clear();
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
