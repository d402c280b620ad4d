package dev.syncdict.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.syncdict.daemon.DaemonConfig;
import dev.syncdict.protocol.Token;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell over TLS to a daemon with certificates made for the test (openssl): trust, host names, mutual TLS. */
class TlsTest {

    @TempDir
    Path home;

    private Path dir;

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0).as("openssl %s: %s", args, output).isTrue();
    }

    /** A CA, and a certificate for {@code name} (a DNS name only) signed by it. */
    private void certificate(String ca, String name) throws IOException, InterruptedException {
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + name);
        Files.writeString(dir.resolve(name + ".ext"), "subjectAltName=DNS:" + name + "\n");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", ca + ".pem", "-CAkey", ca + ".key", "-CAcreateserial",
                "-out", name + ".pem", "-days", "2", "-extfile", name + ".ext");
    }

    @BeforeEach
    void makeCertificates() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed (.ci/run installs it)");
        dir = Files.createDirectories(home.resolve("tls"));
        for (String ca : List.of("ca", "other-ca")) {
            openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", ca + ".key", "-out", ca + ".pem", "-days", "2",
                    "-subj", "/CN=" + ca);
        }
        certificate("ca", "localhost");
        certificate("ca", "client");
    }

    private DaemonConfig tls(Path clientCa) {
        return DaemonConfig.defaults(Token.of(ShellHarness.TOKEN))
                .withTls(new DaemonConfig.Tls(dir.resolve("localhost.pem"), dir.resolve("localhost.key"), clientCa));
    }

    @Test
    void theShellWorksOverTlsAndChecksTheDaemonsCertificateAndName() throws Exception {
        try (ShellHarness shell = new ShellHarness(home, tls(null))) {
            String port = String.valueOf(shell.daemon.port());
            String ca = dir.resolve("ca.pem").toString();
            assertThat(shell.run("--cacert", ca, "--connect", "tls://localhost:" + port, "set", "a", "1").exit()).isZero();
            assertThat(shell.run("--tls", "--cacert", ca, "--connect", "localhost:" + port, "get", "a").out()).isEqualTo("1\n");

            ShellHarness.Result untrusted = shell.run("--cacert", dir.resolve("other-ca.pem").toString(), "--connect",
                    "tls://localhost:" + port, "get", "a");
            assertThat(untrusted.exit()).isEqualTo(ExitCode.UNAVAILABLE);
            assertThat(untrusted.err()).startsWith("syncdict: TLS with syncdictd at localhost:" + port + " failed: ");

            ShellHarness.Result wrongName = shell.run("--cacert", ca, "--connect", "tls://127.0.0.1:" + port, "get", "a");
            assertThat(wrongName.exit()).isEqualTo(ExitCode.UNAVAILABLE);
            assertThat(wrongName.err()).contains("TLS with syncdictd at 127.0.0.1:" + port + " failed").contains("name 127.0.0.1");

            ShellHarness.Result plain = shell.run("--no-autostart", "--timeout", "2s", "--connect", "localhost:" + port, "get", "a");
            assertThat(plain.exit()).as("plain TCP to a TLS listener").isEqualTo(ExitCode.UNAVAILABLE);
        }
    }

    @Test
    void mutualTlsRefusesAClientWithoutACertificate() throws Exception {
        try (ShellHarness shell = new ShellHarness(home, tls(dir.resolve("ca.pem")))) {
            String address = "tls://localhost:" + shell.daemon.port();
            String ca = dir.resolve("ca.pem").toString();
            assertThat(shell.run("--cacert", ca, "--connect", address, "ping").exit()).isEqualTo(ExitCode.UNAVAILABLE);
            ShellHarness.Result withCertificate = shell.run("--cacert", ca, "--cert", dir.resolve("client.pem").toString(),
                    "--key", dir.resolve("client.key").toString(), "--connect", address, "ping");
            assertThat(withCertificate.exit()).as(withCertificate.err()).isZero();
            assertThat(shell.run("--cacert", ca, "--cert", dir.resolve("client.pem").toString(), "--connect", address, "ping").err())
                    .contains("give --cert and --key together");
        }
    }
}
