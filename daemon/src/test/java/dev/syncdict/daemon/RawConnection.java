package dev.syncdict.daemon;

import dev.syncdict.protocol.Codec;
import dev.syncdict.protocol.Handshake;
import dev.syncdict.protocol.Hello;
import dev.syncdict.protocol.Reply;
import dev.syncdict.protocol.Token;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A test's raw socket to a daemon: writes bytes and reads lines, so tests can send anything at all. */
final class RawConnection implements AutoCloseable {

    final Socket socket;
    final BufferedReader in;
    final OutputStream out;
    final Hello hello;

    RawConnection(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
        hello = Hello.decode(in.readLine());
    }

    /** Connects and completes the handshake with this token. */
    static RawConnection authenticated(int port, Token token) throws IOException {
        RawConnection connection = new RawConnection(port);
        Reply reply = connection.authenticate(token);
        if (reply.isError()) {
            throw new IOException("handshake failed: " + reply);
        }
        return connection;
    }

    Reply authenticate(Token token) throws IOException {
        String nonce = Handshake.newNonce();
        send("{\"id\":0,\"op\":\"auth\",\"nonce\":\"" + nonce + "\",\"proof\":\"" + Handshake.clientProof(token, hello.nonce(), nonce) + "\"}");
        return Codec.decodeReply(in.readLine());
    }

    void send(String line) throws IOException {
        write(line + "\n");
    }

    void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    String readLine() throws IOException {
        return in.readLine();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
