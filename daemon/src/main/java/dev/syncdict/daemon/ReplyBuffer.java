package dev.syncdict.daemon;

import dev.syncdict.protocol.Codec;
import dev.syncdict.protocol.ErrorCode;
import dev.syncdict.protocol.Reply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.OutputStream;

/**
 * One connection's lines of one group (replies, and watch events), encoded for the wire straight
 * into a buffer from the channel's pool, which the write hands back once the socket took it. A
 * reply that would pass the reply limit is cut off as soon as it does and replaced by a
 * {@code too_large} error, so the limit bounds the memory an answer takes and the connection goes
 * on.
 */
final class ReplyBuffer extends OutputStream {

    private final ByteBuf buffer;
    private final int maxReplyBytes;
    private int replyStart;

    ReplyBuffer(ByteBufAllocator allocator, int maxReplyBytes) {
        this.buffer = allocator.ioBuffer(256);
        this.maxReplyBytes = maxReplyBytes;
    }

    /** Appends a reply line; returns how many bytes it took. */
    int add(Reply reply) {
        replyStart = buffer.writerIndex();
        try {
            Codec.writeLine(reply, this);
        } catch (ReplyTooLong e) {
            buffer.writerIndex(replyStart);
            Codec.writeLine(Reply.error(reply.rev(), ErrorCode.TOO_LARGE, "the reply would be longer than the limit of "
                    + maxReplyBytes + " bytes; read it in parts: 'keys PATH' lists an object's keys a page at a time,"
                    + " 'get PATH.KEY' reads one of them").withId(reply.id()), this);
        } catch (Throwable e) {
            buffer.writerIndex(replyStart);
            throw e;
        }
        return buffer.writerIndex() - replyStart;
    }

    /** Appends a line already encoded (a watch event); the watch hub bounds those, not the reply limit. */
    void addLine(byte[] line) {
        buffer.writeBytes(line);
    }

    @Override
    public void write(int b) {
        ensureRoom(1);
        buffer.writeByte(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensureRoom(len);
        buffer.writeBytes(b, off, len);
    }

    private void ensureRoom(int more) {
        // The reply's own bytes, its newline aside, may reach the limit.
        if ((long) buffer.writerIndex() - replyStart + more > maxReplyBytes + 1L) {
            throw new ReplyTooLong();
        }
    }

    /** How many bytes are written. */
    int size() {
        return buffer.writerIndex();
    }

    /** Drops everything after the first {@code size} bytes. */
    void truncate(int size) {
        buffer.writerIndex(size);
    }

    /** The bytes written; whoever takes them releases the buffer (a channel write does). */
    ByteBuf toBuffer() {
        return buffer;
    }

    /** Thrown from inside the encoder to stop it at the limit. */
    private static final class ReplyTooLong extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ReplyTooLong() {
            super(null, null, false, false);
        }
    }
}
