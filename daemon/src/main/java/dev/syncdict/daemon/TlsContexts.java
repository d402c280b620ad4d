package dev.syncdict.daemon;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import javax.net.ssl.SSLException;

/** Builds the listener's TLS context from PEM files, with the JDK's provider (no native library to ship). */
final class TlsContexts {

    private TlsContexts() {}

    /**
     * The server context: this certificate and key; with a client CA, every client must present a
     * certificate it signed. Files that cannot be used are an IllegalArgumentException naming them.
     */
    static SslContext server(DaemonConfig.Tls tls) {
        try {
            SslContextBuilder builder = SslContextBuilder.forServer(tls.certificate().toFile(), tls.key().toFile())
                    .sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2");
            if (tls.clientCa() != null) {
                builder.trustManager(tls.clientCa().toFile()).clientAuth(ClientAuth.REQUIRE);
            }
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot use the TLS certificate " + tls.certificate() + " and key " + tls.key()
                    + (tls.clientCa() == null ? "" : " (client CA " + tls.clientCa() + ")") + ": " + e.getMessage(), e);
        }
    }
}
