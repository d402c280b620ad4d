package dev.syncdict.daemon;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.Channel;
import io.netty.handler.codec.LineBasedFrameDecoder;

/**
 * Owns the order of every connection's pipeline:
 * count the connection, split bytes into lines, decode each line into a request, authenticate,
 * then batch requests to the sequencer. Replies are written as ready-made bytes, so there is no
 * encoder. The limiter and decoder are stateless and shared; the framer, the auth handler (it
 * holds the nonce) and the request handler (it holds the batch) are new for every connection.
 */
final class ServerInitializer extends ChannelInitializer<Channel> {

    private final DaemonConfig config;
    private final ConnectionLimiter limiter;
    private final RequestDecoder decoder;
    private final Sequencer sequencer;
    private final Runnable shutdownDaemon;

    ServerInitializer(DaemonConfig config, ConnectionLimiter limiter, Sequencer sequencer, Runnable shutdownDaemon) {
        this.config = config;
        this.limiter = limiter;
        this.decoder = new RequestDecoder(config.maxLineBytes());
        this.sequencer = sequencer;
        this.shutdownDaemon = shutdownDaemon;
    }

    @Override
    protected void initChannel(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("limit", limiter);
        // failFast: an over-long line is refused as soon as it passes the limit, not once it ends.
        pipeline.addLast("frame", new LineBasedFrameDecoder(config.maxLineBytes(), true, true));
        pipeline.addLast("decode", decoder);
        pipeline.addLast("auth", new AuthHandler(config.token(), sequencer::revision, config.handshakeTimeout()));
        pipeline.addLast("requests", new RequestHandler(sequencer, shutdownDaemon));
    }
}
