package dev.syncdict.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The least of a Redis (RESP2) client that {@link WatchLatency} needs, so that the comparison
 * brings in no dependency: send a command, read one reply (also a pushed pub/sub message).
 */
final class Resp implements Closeable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    Resp(InetSocketAddress address, int readTimeoutMillis) throws IOException {
        socket = new Socket();
        // The same as the syncdict client: no Nagle delay on small writes.
        socket.setTcpNoDelay(true);
        socket.connect(address, readTimeoutMillis);
        socket.setSoTimeout(readTimeoutMillis);
        in = new BufferedInputStream(socket.getInputStream(), 65536);
        out = new BufferedOutputStream(socket.getOutputStream(), 65536);
    }

    /** Sends a command and reads its reply; an error reply is thrown. */
    Object call(String... args) throws IOException {
        send(args);
        return read();
    }

    void send(String... args) throws IOException {
        StringBuilder command = new StringBuilder().append('*').append(args.length).append("\r\n");
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            command.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
        }
        out.write(command.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** One reply: a String (simple or bulk), a Long, a List, or null (nil). */
    Object read() throws IOException {
        int type = in.read();
        String line = line();
        switch (type) {
            case '+': return line;
            case '-': throw new IOException("redis: " + line);
            case ':': return Long.parseLong(line);
            case '$': {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                byte[] bytes = in.readNBytes(length + 2); // the CRLF after the data
                if (bytes.length < length + 2) {
                    throw new EOFException("redis closed the connection");
                }
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            case '*': {
                int count = Integer.parseInt(line);
                List<Object> items = new ArrayList<>(Math.max(count, 0));
                for (int i = 0; i < count; i++) {
                    items.add(read());
                }
                return count < 0 ? null : items;
            }
            case -1: throw new EOFException("redis closed the connection");
            default: throw new IOException("not a RESP reply: " + (char) type + line);
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\r'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("redis closed the connection");
            }
            bytes.write(b);
        }
        in.read(); // '\n'
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
