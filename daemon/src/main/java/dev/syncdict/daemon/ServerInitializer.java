package dev.syncdict.daemon;

import dev.syncdict.protocol.Limits;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.ssl.SslContext;
import java.util.function.Consumer;

/**
 * Owns the order of every connection's pipeline, and records each connection in the daemon's
 * group of open ones (closed explicitly on the way out):
 * count the connection, decrypt (with TLS), split bytes into lines, decode each line into a request, authenticate,
 * watch for idleness (when an idle timeout is set), then batch requests to the owner. Replies are written as ready-made bytes by the connection's
 * {@link Outbox}, so there is no encoder. The limiter and decoder are stateless and shared; the
 * framer, the auth handler (it holds the nonce) and the request handler (it holds the batch) are
 * new for every connection.
 */
final class ServerInitializer extends ChannelInitializer<Channel> {

    static final String FRAMER = "frame";

    private final DaemonConfig config;
    private final ConnectionLimiter limiter;
    private final RequestDecoder decoder;
    private final Consumer<Batch> owner;
    private final CommitPipeline pipeline;
    private final TokenKeeper tokens;
    private final Runnable shutdownDaemon;
    private final SslContext tls;
    private final FailedHandshakes failedHandshakes = new FailedHandshakes();
    private final OutboxBudget outboxBudget;
    private final ChannelGroup connections;

    /**
     * @param owner where batches go to be applied: the sequencer's queue, or a test's own thread
     * @param pipeline what the owner runs them through: it knows the revision and releases outboxes
     * @param connections where every connection is recorded while it is open
     */
    ServerInitializer(DaemonConfig config, ConnectionLimiter limiter, Consumer<Batch> owner, CommitPipeline pipeline,
            TokenKeeper tokens, Runnable shutdownDaemon, ChannelGroup connections) {
        this.config = config;
        this.tls = config.tls() == null ? null : TlsContexts.server(config.tls());
        this.outboxBudget = new OutboxBudget(config.outboxTotalBytes());
        this.limiter = limiter;
        this.decoder = new RequestDecoder(config.maxLineBytes());
        this.owner = owner;
        this.pipeline = pipeline;
        this.tokens = tokens;
        this.shutdownDaemon = shutdownDaemon;
        this.connections = connections;
    }

    @Override
    protected void initChannel(Channel channel) {
        // The group forgets a connection by itself once it closes.
        connections.add(channel);
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("limit", limiter);
        // TLS right after counting: everything after it, the handshake with the token included, is encrypted.
        if (tls != null) {
            pipeline.addLast("tls", tls.newHandler(channel.alloc()));
        }
        // Until the handshake succeeds, lines are short: a peer that has not proved the token cannot
        // make the daemon hold megabytes. The auth handler swaps in the full-size framer.
        pipeline.addLast(FRAMER, framer(Limits.HANDSHAKE_LINE_BYTES));
        pipeline.addLast("decode", decoder);
        ConnectionLimits limits = config.connections();
        pipeline.addLast("auth", new AuthHandler(tokens, this.pipeline::revision, limits.handshakeTimeout(),
                () -> framer(config.maxLineBytes()), failedHandshakes));
        RequestHandler requests = new RequestHandler(owner,
                answered -> new Outbox(channel, config, outboxBudget, owner, this.pipeline::touched, answered, shutdownDaemon), limits.inFlight());
        if (!limits.idleTimeout().isZero()) {
            pipeline.addLast("idle", new IdleTimeout(limits.idleTimeout(), requests.outbox(), this.pipeline::revision));
        }
        pipeline.addLast("requests", requests);
    }

    /** The replies every connection together has waiting to be read, in bytes. */
    long repliesWaiting() {
        return outboxBudget.waiting();
    }

    /** failFast: an over-long line is refused as soon as it passes the limit, not once it ends. */
    static LineBasedFrameDecoder framer(int maxLineBytes) {
        return new LineBasedFrameDecoder(maxLineBytes, true, true);
    }
}
