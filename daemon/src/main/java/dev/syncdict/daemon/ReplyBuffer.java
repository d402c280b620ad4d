package dev.syncdict.daemon;

import dev.syncdict.protocol.Codec;
import dev.syncdict.protocol.ErrorCode;
import dev.syncdict.protocol.Reply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;

/**
 * One connection's lines of one group (replies, and watch events), encoded for the wire. A reply that would pass the reply
 * limit is cut off as soon as it does and replaced by a {@code too_large} error, so the limit
 * bounds the memory an answer takes and the connection goes on.
 */
final class ReplyBuffer extends ByteArrayOutputStream {

    private final int maxReplyBytes;
    private int replyStart;

    ReplyBuffer(int maxReplyBytes) {
        super(256);
        this.maxReplyBytes = maxReplyBytes;
    }

    /** Appends a reply line; returns how many bytes it took. */
    int add(Reply reply) {
        replyStart = count;
        try {
            Codec.writeLine(reply, this);
        } catch (ReplyTooLong e) {
            count = replyStart;
            Codec.writeLine(Reply.error(reply.rev(), ErrorCode.TOO_LARGE, "the reply would be longer than the limit of "
                    + maxReplyBytes + " bytes; read it in parts: 'keys PATH' lists an object's keys a page at a time,"
                    + " 'get PATH.KEY' reads one of them").withId(reply.id()), this);
        } catch (Throwable e) {
            count = replyStart;
            throw e;
        }
        return count - replyStart;
    }

    /** Appends a line already encoded (a watch event); the watch hub bounds those, not the reply limit. */
    void addLine(byte[] line) {
        super.write(line, 0, line.length);
    }

    @Override
    public void write(int b) {
        ensureRoom(1);
        super.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensureRoom(len);
        super.write(b, off, len);
    }

    private void ensureRoom(int more) {
        // The reply's own bytes, its newline aside, may reach the limit.
        if ((long) count - replyStart + more > maxReplyBytes + 1L) {
            throw new ReplyTooLong();
        }
    }

    /** Drops everything after the first {@code size} bytes. */
    void truncate(int size) {
        count = size;
    }

    /** The bytes written, without copying them. */
    ByteBuf toBuffer() {
        return Unpooled.wrappedBuffer(buf, 0, count);
    }

    /** Thrown from inside the encoder to stop it at the limit. */
    private static final class ReplyTooLong extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ReplyTooLong() {
            super(null, null, false, false);
        }
    }
}
