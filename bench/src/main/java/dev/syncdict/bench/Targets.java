package dev.syncdict.bench;

import dev.syncdict.protocol.Locations;
import dev.syncdict.protocol.Token;
import java.io.IOException;
import java.net.InetSocketAddress;

/** What the bench module's drivers read from their command line and environment: HOST:PORT and the daemon's token. */
final class Targets {

    private Targets() {}

    /** HOST:PORT as a socket address. */
    static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    /** The daemon's token, found as the shell finds it (SYNCDICT_TOKEN, then the token file). */
    static Token token() throws IOException {
        return Token.resolve(null, System.getenv(), Locations.of(System.getenv()), false);
    }
}
