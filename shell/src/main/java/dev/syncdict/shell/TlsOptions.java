package dev.syncdict.shell;

import dev.syncdict.client.ClientTls;
import java.io.IOException;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;

/**
 * How the shell reaches a daemon over TLS: the CA certificates to trust (null: the system's), and
 * this client's certificate and key for mutual TLS (null: none). The context is built on first use.
 */
public final class TlsOptions {

    private final Path caFile;
    private final Path certFile;
    private final Path keyFile;
    private SSLContext context;

    public TlsOptions(Path caFile, Path certFile, Path keyFile) {
        if ((certFile == null) != (keyFile == null)) {
            throw new UsageException("a client certificate needs its key: give --cert and --key together");
        }
        this.caFile = caFile;
        this.certFile = certFile;
        this.keyFile = keyFile;
    }

    SSLContext context() throws IOException {
        if (context == null) {
            context = ClientTls.context(caFile, certFile, keyFile);
        }
        return context;
    }
}
