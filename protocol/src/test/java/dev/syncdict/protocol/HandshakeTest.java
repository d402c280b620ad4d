package dev.syncdict.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HandshakeTest {

    @Test
    void proofsDependOnTokenRoleAndBothNonces() {
        Token token = Token.of("secret");
        String proof = Handshake.clientProof(token, "s", "c");
        assertThat(proof).hasSize(64).doesNotContain("secret");
        assertThat(Handshake.matches(proof, Handshake.clientProof(Token.of("secret"), "s", "c"))).isTrue();
        assertThat(Handshake.matches(proof, Handshake.clientProof(Token.of("other"), "s", "c"))).isFalse();
        assertThat(Handshake.matches(proof, Handshake.daemonProof(token, "s", "c"))).isFalse();
        assertThat(Handshake.matches(proof, Handshake.clientProof(token, "s2", "c"))).isFalse();
        assertThat(Handshake.matches(proof, Handshake.clientProof(token, "s", "c2"))).isFalse();
        assertThat(Handshake.matches(proof, null)).isFalse();
        assertThat(Handshake.newNonce()).hasSize(64).isNotEqualTo(Handshake.newNonce());
    }

    @Test
    void tokenFileIsCreatedPrivateOnceAndNeverPrinted(@TempDir Path home) throws Exception {
        Locations locations = Locations.of(Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", home.resolve("cfg").toString()));
        Path file = locations.tokenFile();
        assertThat(file).isEqualTo(home.resolve("cfg/syncdict/token"));
        Token created = Token.resolve(null, Map.of(), locations, true);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        String text = Files.readString(file).strip();
        assertThat(text).hasSize(64);
        assertThat(created.toString()).doesNotContain(text);
        Token again = Token.resolve(null, Map.of(), locations, true);
        assertThat(Handshake.clientProof(again, "s", "c")).isEqualTo(Handshake.clientProof(created, "s", "c"));
        assertThat(Token.isExposed(file)).isFalse();
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void explicitFileThenEnvironmentThenDefault(@TempDir Path home) throws Exception {
        Locations locations = Locations.of(Map.of("HOME", home.toString()));
        Path explicit = Files.writeString(home.resolve("t"), "from-file\n");
        Map<String, String> env = Map.of(Token.ENV, "from-env");
        assertThat(proof(Token.resolve(explicit, env, locations, false))).isEqualTo(proof(Token.of("from-file")));
        assertThat(proof(Token.resolve(null, env, locations, false))).isEqualTo(proof(Token.of("from-env")));
        assertThat(locations.tokenFile()).isEqualTo(home.resolve(".config/syncdict/token"));
    }

    private static String proof(Token token) {
        return Handshake.clientProof(token, "n", "m");
    }
}
