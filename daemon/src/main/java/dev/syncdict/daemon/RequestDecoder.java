package dev.syncdict.daemon;

import dev.syncdict.protocol.Codec;
import dev.syncdict.protocol.ErrorCode;
import dev.syncdict.protocol.Limits;
import dev.syncdict.protocol.ProtocolException;
import dev.syncdict.protocol.Reply;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.List;

/**
 * Turns one framed line into a {@link DecodedLine}: a checked request, or the error reply it earned.
 * A bad line costs its sender one error reply; an over-long line, a framing violation, also
 * closes that connection. Blank lines are ignored, for people typing at nc.
 */
@ChannelHandler.Sharable
final class RequestDecoder extends MessageToMessageDecoder<ByteBuf> {

    private static final int SCRATCH_BYTES = 4096;
    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[SCRATCH_BYTES];
        }
    };

    private final int maxLineBytes;

    RequestDecoder(int maxLineBytes) {
        super(ByteBuf.class);
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        if (isBlank(frame)) {
            return;
        }
        int length = frame.readableBytes();
        // The readers keep nothing of the bytes they read, so a common line is copied into one
        // array per thread instead of a new one; a long line gets its own, not kept.
        byte[] bytes = length <= SCRATCH_BYTES ? SCRATCH.get() : new byte[length];
        frame.getBytes(frame.readerIndex(), bytes, 0, length);
        try {
            out.add(DecodedLine.of(Codec.decodeRequest(bytes, 0, length)));
        } catch (ProtocolException e) {
            out.add(DecodedLine.rejected(e.id(), e.chain(), new Reply.Error(e.code(), e.getMessage()), false));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            boolean authenticated = ctx.pipeline().get(AuthHandler.class) == null;
            int limit = authenticated ? maxLineBytes : Limits.HANDSHAKE_LINE_BYTES;
            ctx.fireChannelRead(DecodedLine.rejected(null, null, new Reply.Error(ErrorCode.TOO_LARGE,
                    "line longer than the limit of " + limit + " bytes" + (authenticated ? "" : " before the handshake")
                            + "; closing the connection"), true));
            ctx.fireChannelReadComplete();
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    private static boolean isBlank(ByteBuf frame) {
        for (int i = frame.readerIndex(); i < frame.writerIndex(); i++) {
            byte b = frame.getByte(i);
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
