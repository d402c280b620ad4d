package dev.syncdict.shell.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** What the load generator needs of a server's protocol, so that one loop drives syncdictd and Redis alike. */
interface Wire {

    /** Opens a connection that is ready for requests (any handshake done), still in blocking mode. */
    SocketChannel open() throws IOException;

    /** Writes one request; the buffer has room for {@link #maxRequestBytes()}. */
    void write(Operation operation, long key, ByteBuffer out);

    /** The longest request {@link #write} may write. */
    int maxRequestBytes();

    /** Counts the replies on one connection; it keeps what it needs between reads. */
    ReplyScanner scanner();

    /** What the server is called in reports: "syncdict" or "redis". */
    String server();
}
