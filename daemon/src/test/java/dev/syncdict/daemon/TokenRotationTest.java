package dev.syncdict.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncdict.protocol.Token;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rotating the token: a new one in the file, old connections end after the grace period, new ones need the new token. */
class TokenRotationTest {

    @TempDir
    Path dir;

    @Test
    void connectionsOnTheOldTokenEndAfterTheGracePeriodAndOnlyTheNewTokenOpensNewOnes() throws Exception {
        Path file = dir.resolve("token");
        Token old = Token.readOrCreate(file);
        try (Daemon daemon = Daemon.start(DaemonConfig.defaults(old).withPort(0).withTokenFile(file));
                RawConnection before = RawConnection.authenticated(daemon.port(), old)) {
            before.send("{\"id\":1,\"op\":\"rotate_token\",\"grace_ms\":300}");
            assertThat(before.readLine()).isEqualTo("{\"id\":1,\"rev\":0,\"value\":{\"grace_ms\":300}}");
            Token fresh = Token.read(file);
            assertThat(Files.readString(file)).hasSize(65);
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            try (RawConnection after = RawConnection.authenticated(daemon.port(), fresh)) {
                before.send("{\"id\":2,\"op\":\"ping\"}");
                assertThat(before.readLine()).as("within the grace period").contains("pong");
                await().atMost(Duration.ofSeconds(10)).until(() -> before.readLine() == null);
                after.send("{\"id\":3,\"op\":\"ping\"}");
                assertThat(after.readLine()).as("a connection on the new token goes on").contains("pong");
            }
            try (RawConnection stale = new RawConnection(daemon.port())) {
                assertThat(stale.authenticate(old).error().message()).isEqualTo("wrong token");
            }
        }
    }

    @Test
    void aTokenFromTheEnvironmentCannotBeRotatedHere() throws Exception {
        Token token = Token.of("from-the-environment");
        try (Daemon daemon = Daemon.start(DaemonConfig.defaults(token).withPort(0));
                RawConnection connection = RawConnection.authenticated(daemon.port(), token)) {
            connection.send("{\"id\":1,\"op\":\"rotate_token\"}");
            assertThat(connection.readLine()).contains("\"code\":\"io_error\"").contains("SYNCDICT_TOKEN");
        }
    }
}
