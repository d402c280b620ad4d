package dev.syncdict.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Something that is not the real daemon, for one connection: it sends its first line, then
 * answers each line the client sends with the next, then waits for the client to hang up.
 */
final class ScriptedPeer implements AutoCloseable {

    private final ServerSocket server;
    private final Thread thread;

    ScriptedPeer(String... lines) throws IOException {
        server = new ServerSocket(0);
        thread = new Thread(() -> play(lines));
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void play(String[] lines) {
        try (Socket socket = server.accept()) {
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            for (int i = 0; i < lines.length; i++) {
                if (i > 0) {
                    in.readLine();
                }
                out.write((lines[i] + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            in.readLine();
        } catch (IOException hungUp) {
            // The client closing on us is the expected end.
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        thread.join(10_000);
    }
}
