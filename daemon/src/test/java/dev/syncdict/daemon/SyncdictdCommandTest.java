package dev.syncdict.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncdict.protocol.Token;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** syncdictd's refusals at start-up: each names the problem and exits non-zero, before serving anyone. */
class SyncdictdCommandTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private final Map<String, String> env = new HashMap<>();

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        env.putIfAbsent("XDG_CONFIG_HOME", dir.resolve("config").toString());
        env.putIfAbsent("XDG_DATA_HOME", dir.resolve("share").toString());
        CommandLine cli = Syncdictd.commandLine(env).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path token(String mode) throws Exception {
        Path file = Files.writeString(dir.resolve("token-" + mode), "secret\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    /** Numbers are read in ASCII digits only: picocli's own converters took an Arabic-Indic 7440 as 7440. */
    @Test
    void aNumberInOtherDigitsOrPastItsTypeIsAUsageError() {
        Run digits = run("--port", "\u0667\u0664\u0664\u0660");
        assertThat(digits.exit()).isEqualTo(2);
        assertThat(digits.err()).isEqualTo("syncdictd: Invalid value for option '--port': '\u0667\u0664\u0664\u0660' is not a whole number"
                + " (see: syncdictd --help)\n");
        Run huge = run("--port", "99999999999");
        assertThat(huge.exit()).isEqualTo(2);
        assertThat(huge.err()).contains("'99999999999' is too large");
    }

    @Test
    void aNonLoopbackAddressNeedsInsecureRemote() throws Exception {
        Run run = run("--bind", "0.0.0.0", "--token-file", token("rw-------").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("refusing to listen on 0.0.0.0 without TLS").contains("--insecure-remote");
    }

    @Test
    void aTokenFileOthersCanReadIsRefused() throws Exception {
        Path exposed = token("rw-r--r--");
        Run run = run("--port", "0", "--token-file", exposed.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("is readable by other users; run: chmod 600 " + exposed).doesNotContain("secret");
    }

    @Test
    void theTokenFileUsedIsCheckedEvenWhenTheEnvironmentHasAToken() throws Exception {
        env.put(Token.ENV, "from-the-environment");
        Path exposed = token("rw-r-----");
        Run run = run("--port", "0", "--token-file", exposed.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("token file " + exposed + " is readable by other users");
    }

    @Test
    void tlsNeedsBothItsCertificateAndItsKey() throws Exception {
        Run run = run("--port", "0", "--token-file", token("rw-------").toString(), "--tls-cert", dir.resolve("cert.pem").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("TLS needs both --tls-cert and --tls-key");
        Path notPem = Files.writeString(dir.resolve("not.pem"), "not a certificate\n");
        Run unusable = run("--port", "0", "--token-file", token("rw-------").toString(), "--tls-cert", notPem.toString(),
                "--tls-key", notPem.toString());
        assertThat(unusable.exit()).isEqualTo(1);
        assertThat(unusable.err()).startsWith("syncdictd: cannot use the TLS certificate " + notPem);
    }

    @Test
    void aPortInUseIsReported() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run run = run("--port", String.valueOf(taken.getLocalPort()), "--token-file", token("rw-------").toString());
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).startsWith("syncdictd: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ");
        }
    }

    @Test
    void helpDescribesPersistenceAndItsOptions() {
        Run run = run("--help");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("write-ahead log").contains("--data-dir").contains("--fsync")
                .contains("Default: everysec").contains("--salvage").contains("--in-memory").contains("Exit status")
                .doesNotContain("none yet");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "--port|70000|--port must be 0 to 65535, not 70000",
        "--max-line|0|--max-line must be 1 to 16777216, not 0",
        "--max-connections|0|--max-connections must be at least 1, not 0",
        "--max-connections-per-address|-1|--max-connections-per-address must be at least 1, not -1",
        "--max-in-flight|0|--max-in-flight must be at least 1, not 0",
        "--idle-timeout|-5|--idle-timeout must be 0 to 31536000, not -5",
        "--compact-at|0|--compact-at must be at least 1, not 0",
        "--max-memory|-1|--max-memory must be at least 1, not -1",
        "--max-waiting-replies|0|--max-waiting-replies must be at least 1, not 0"})
    void aNumberOutsideItsFlagsRangeIsAUsageErrorBeforeAnythingIsWritten(String flag, String value, String message) throws Exception {
        Path token = dir.resolve("not-yet");
        Run run = run(flag, value, "--token-file", token.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("syncdictd: " + message + " (see: syncdictd --help)\n");
        assertThat(token).doesNotExist();
    }

    @Test
    void anUnknownFsyncPolicyIsAUsageError() throws Exception {
        Run run = run("--fsync", "sometimes", "--token-file", token("rw-------").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("expected always, everysec or no, not 'sometimes'");
    }

    @Test
    void aDataFolderInUseIsReportedWithTheHoldersPid() throws Exception {
        Path data = dir.resolve("data");
        try (dev.syncdict.daemon.wal.Durability holder = dev.syncdict.daemon.wal.Durability.open(
                dev.syncdict.daemon.wal.LogOptions.of(data, dev.syncdict.daemon.wal.FsyncPolicy.NO))) {
            Run run = run("--port", "0", "--data-dir", data.toString(), "--token-file", token("rw-------").toString());
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).startsWith("syncdictd: the data folder " + data + " is in use by another syncdictd (pid "
                    + ProcessHandle.current().pid() + ")");
        }
    }
}
