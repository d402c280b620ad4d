package dev.syncdict.daemon;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands the lines of each read to the {@link Sequencer} as one batch and writes back their replies,
 * in order. While a batch is in flight the connection stops reading, and it resumes only once the
 * replies are written: a client that pipelines without reading its replies is held back by its own
 * socket instead of filling the daemon's memory. One per connection: it holds the batch being read.
 */
final class RequestHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(RequestHandler.class.getName());

    private final Sequencer sequencer;
    private final Runnable shutdownDaemon;
    private List<Line> reading = new ArrayList<>();
    /** Set after a reply that ends the connection: whatever arrives while lingering is dropped. */
    private boolean closing;

    RequestHandler(Sequencer sequencer, Runnable shutdownDaemon) {
        this.sequencer = sequencer;
        this.shutdownDaemon = shutdownDaemon;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!closing) {
            reading.add((Line) msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (reading.isEmpty()) {
            return;
        }
        List<Line> batch = reading;
        reading = new ArrayList<>();
        ctx.channel().config().setAutoRead(false);
        sequencer.submit(new Sequencer.Batch(batch, result -> {
            var written = ctx.writeAndFlush(Unpooled.wrappedBuffer(result.replies()));
            if (result.shutdownDaemon()) {
                written.addListener(f -> shutdownDaemon.run());
            }
            if (result.closeConnection()) {
                written.addListener(f -> closing = true);
                LingeringClose.after(written);
            } else {
                written.addListener(f -> ctx.channel().config().setAutoRead(true));
            }
        }));
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
