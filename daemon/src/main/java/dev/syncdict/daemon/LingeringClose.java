package dev.syncdict.daemon;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DuplexChannel;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection after its last reply without losing that reply. Closing a socket that still
 * has unread input makes the kernel send a reset, which can destroy the reply before the client
 * reads it; so the daemon half-closes (FIN after the reply), keeps reading and discarding for a
 * moment, then closes.
 */
final class LingeringClose {

    /** How long a refused client may keep sending before the connection is dropped. */
    static final long LINGER_MILLIS = 2000;

    private LingeringClose() {}

    /** Once this write completes, half-close and drop the connection shortly after. */
    static void after(ChannelFuture lastWrite) {
        lastWrite.addListener(f -> {
            Channel channel = lastWrite.channel();
            if (channel instanceof DuplexChannel && channel.isActive()) {
                ((DuplexChannel) channel).shutdownOutput();
                channel.eventLoop().schedule(() -> channel.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
                channel.config().setAutoRead(true);
            } else {
                channel.close();
            }
        });
    }
}
