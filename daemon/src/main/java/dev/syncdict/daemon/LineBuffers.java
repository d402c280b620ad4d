package dev.syncdict.daemon;

import dev.syncdict.protocol.Codec;
import dev.syncdict.protocol.Reply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/** One wire line (JSON and its newline) as a buffer, for the handlers that answer before any request runs. */
final class LineBuffers {

    private LineBuffers() {}

    static ByteBuf of(Reply reply) {
        return Unpooled.wrappedBuffer(Codec.encodeLine(reply));
    }

    static ByteBuf of(String json) {
        return Unpooled.wrappedBuffer((json + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
