package dev.syncdict.client;

import dev.syncdict.daemon.Daemon;
import dev.syncdict.daemon.DaemonConfig;
import dev.syncdict.protocol.Token;
import java.io.IOException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A real daemon in this process on port 0 for each test, and clients connected to the port it bound. */
final class InProcessDaemon implements BeforeEachCallback, AfterEachCallback {

    final Token token;
    private final UnaryOperator<DaemonConfig> configure;
    private Daemon daemon;

    /** A daemon with the default config but for its port. */
    InProcessDaemon(String token) {
        this(token, UnaryOperator.identity());
    }

    /** A daemon whose config is the default one (on port 0) changed by {@code configure}. */
    InProcessDaemon(String token, UnaryOperator<DaemonConfig> configure) {
        this.token = Token.of(token);
        this.configure = configure;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        daemon = Daemon.start(configure.apply(DaemonConfig.defaults(token).withPort(0)));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        daemon.close();
    }

    int port() {
        return daemon.port();
    }

    /** A new client, which the caller closes. */
    SyncdictClient connect() throws IOException {
        return SyncdictClient.connect("127.0.0.1", daemon.port(), token);
    }
}
