package dev.syncdict.daemon;

import dev.syncdict.protocol.Codec;
import dev.syncdict.protocol.Reply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** Turns replies into buffers for the handlers that write directly, outside the sequencer. */
final class Wire {

    private Wire() {}

    static ByteBuf line(Reply reply) {
        return Unpooled.wrappedBuffer(Codec.encodeLine(reply));
    }

    static ByteBuf line(String json) {
        return Unpooled.wrappedBuffer((json + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
