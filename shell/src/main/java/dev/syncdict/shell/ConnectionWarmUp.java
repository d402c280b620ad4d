package dev.syncdict.shell;

import dev.syncdict.protocol.Codec;
import dev.syncdict.protocol.Handshake;
import dev.syncdict.protocol.Hello;
import dev.syncdict.protocol.Token;
import java.nio.charset.StandardCharsets;

/**
 * Readies, on a second thread, what a command's first connection needs: the readers of the
 * daemon's hello and replies and the handshake's nonce and HMAC. A one-shot command would
 * otherwise load and initialise them on its only thread once connected (docs/BENCHMARKS.md),
 * which a second core does while the first reads the arguments and the token and connects. Only
 * classes get initialised; nothing is kept, so a failure costs nothing.
 */
final class ConnectionWarmUp implements Runnable {

    private ConnectionWarmUp() {}

    /** Starts the warm-up; the process does not wait for it. */
    static void start() {
        Thread thread = new Thread(new ConnectionWarmUp(), "syncdict-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        try {
            Hello.decode("{\"hello\":\"syncdict\",\"proto\":1,\"version\":\"\",\"nonce\":\"\"}");
            byte[] reply = "{\"id\":1,\"rev\":0}".getBytes(StandardCharsets.US_ASCII);
            Codec.decodeMessage(reply, 0, reply.length);
            Handshake.clientProof(Token.of("warm-up"), Handshake.newNonce(), "");
        } catch (RuntimeException ignored) {
            // The connection itself will meet and report whatever went wrong here.
        }
    }
}
