package dev.syncdict.shell;

import dev.syncdict.protocol.Codec;
import dev.syncdict.protocol.Handshake;
import dev.syncdict.protocol.Token;

/**
 * Readies, on a second thread, what a command's first connection needs: the JSON codec (Jackson's
 * set-up, about 10 ms of CPU) and the handshake's nonce and HMAC. A one-shot command would
 * otherwise build them on its only thread once connected (docs/BENCHMARKS.md), which a second
 * core takes while the first reads the arguments and the token and connects. Only classes get
 * initialised; nothing is kept, so a failure costs nothing.
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
            Codec.decodeReply("{\"rev\":0}");
            Handshake.clientProof(Token.of("warm-up"), Handshake.newNonce(), "");
        } catch (RuntimeException ignored) {
            // The connection itself will meet and report whatever went wrong here.
        }
    }
}
