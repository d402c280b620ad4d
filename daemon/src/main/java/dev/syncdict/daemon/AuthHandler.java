package dev.syncdict.daemon;

import dev.syncdict.protocol.ErrorCode;
import dev.syncdict.protocol.Handshake;
import dev.syncdict.protocol.Hello;
import dev.syncdict.protocol.Op;
import dev.syncdict.protocol.Reply;
import dev.syncdict.protocol.Version;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The daemon's side of the handshake ({@link Handshake}): sends the hello, checks the client's
 * proof, answers with its own, then removes itself so later lines flow to the request handler.
 * Anything else before that, or no proof within the timeout, gets {@code unauthorized} and a
 * closed connection; a wrong proof is answered late ({@link FailedHandshakes}). On success it also swaps the short pre-handshake framer for the full-size
 * one. One per connection: it holds that connection's nonce.
 */
final class AuthHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(AuthHandler.class.getName());

    private final TokenKeeper tokens;
    private final LongSupplier revision;
    private final Duration timeout;
    private final Supplier<ChannelHandler> fullFramer;
    private final FailedHandshakes failures;
    private final String nonce = Handshake.newNonce();
    private ScheduledFuture<?> deadline;
    private boolean refused;

    AuthHandler(TokenKeeper tokens, LongSupplier revision, Duration timeout, Supplier<ChannelHandler> fullFramer, FailedHandshakes failures) {
        this.tokens = tokens;
        this.revision = revision;
        this.timeout = timeout;
        this.fullFramer = fullFramer;
        this.failures = failures;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(LineBuffers.of(new Hello(Hello.PROTOCOL_VERSION, Version.VERSION, nonce).encode()));
        deadline = ctx.executor().schedule(
                () -> refuse(ctx, null, ErrorCode.UNAUTHORIZED, "no handshake within " + timeout.toSeconds() + "s", "no handshake in time"),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        deadline.cancel(false);
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        DecodedLine line = (DecodedLine) msg;
        if (refused) {
            return;
        } else if (line.request() == null) {
            refuse(ctx, line.id(), line.error().code() == ErrorCode.TOO_LARGE ? ErrorCode.TOO_LARGE : ErrorCode.UNAUTHORIZED,
                    "authenticate first; this line was refused: " + line.error().message(), "an unreadable line before the handshake");
        } else if (line.request().op() != Op.AUTH) {
            refuse(ctx, line.id(), ErrorCode.UNAUTHORIZED, "authenticate first: nothing but auth is accepted before the handshake",
                    "a request before the handshake");
        } else if (!Handshake.matches(Handshake.clientProof(tokens.current(), nonce, line.request().nonce()), line.request().proof())) {
            // Answered only after a delay that grows with each wrong proof from the address: guessing is slow.
            refused = true;
            deadline.cancel(false);
            Duration delay = failures.failed(ConnectionLimiter.peer(ctx));
            ctx.executor().schedule(() -> sendRefusal(ctx, line.id(), ErrorCode.UNAUTHORIZED, "wrong token",
                    "wrong token (answered after " + delay.toMillis() + " ms)"), delay.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            deadline.cancel(false);
            failures.succeeded(ConnectionLimiter.peer(ctx));
            String proof = Handshake.daemonProof(tokens.current(), nonce, line.request().nonce());
            tokens.authenticated(ctx.channel());
            ctx.writeAndFlush(LineBuffers.of(Reply.ok(revision.getAsLong(), null).withProof(proof).withId(line.id())));
            // This handler goes first: the old framer hands what it still holds to the new one, whose
            // lines must flow past to the request handler.
            ctx.pipeline().remove(this);
            ctx.pipeline().replace(ServerInitializer.FRAMER, ServerInitializer.FRAMER, fullFramer.get());
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // Nothing to pass on: this handler answered every line itself.
    }

    /** Refuses the connection, once: whatever it sends after is dropped. */
    private void refuse(ChannelHandlerContext ctx, Object id, ErrorCode code, String message, String why) {
        if (!refused) {
            refused = true;
            sendRefusal(ctx, id, code, message, why);
        }
    }

    /** Answers and closes; the log gets {@code why}, never the message, which may quote what the peer sent. */
    private void sendRefusal(ChannelHandlerContext ctx, Object id, ErrorCode code, String message, String why) {
        if (ctx.channel().isActive()) {
            LOG.warning("refused " + ctx.channel().remoteAddress() + ": " + why);
            LingeringClose.after(ctx.writeAndFlush(LineBuffers.of(Reply.error(revision.getAsLong(), code, message).withId(id))));
        }
    }
}
