package dev.syncdict.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class Sha256Test {

    @Test
    void matchesTheStandardsExamples() {
        // FIPS 180-4's examples (NIST CSRC): one block, the empty message, two blocks, a million 'a'.
        assertThat(hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(hex("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))
                .isEqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
        byte[] million = new byte[1_000_000];
        Arrays.fill(million, (byte) 'a');
        assertThat(HexFormat.of().formatHex(new Sha256().digest(million)))
                .isEqualTo("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    }

    @Test
    void agreesWithTheJdksDigestForEveryLengthAroundTheBlocksAndInPieces() throws Exception {
        Random random = new Random(7);
        Sha256 reused = new Sha256();
        for (int length = 0; length <= 200; length++) {
            byte[] message = new byte[length];
            random.nextBytes(message);
            byte[] expected = MessageDigest.getInstance("SHA-256").digest(message);
            assertThat(new Sha256().digest(message)).as("%d bytes", length).isEqualTo(expected);
            // The same object, after a digest, starts a new message; a message given in two pieces is the same message.
            int cut = random.nextInt(length + 1);
            reused.update(Arrays.copyOfRange(message, 0, cut));
            assertThat(reused.digest(Arrays.copyOfRange(message, cut, length))).as("%d bytes cut at %d", length, cut)
                    .isEqualTo(expected);
        }
    }

    private static String hex(String message) {
        return HexFormat.of().formatHex(new Sha256().digest(message.getBytes(StandardCharsets.US_ASCII)));
    }
}
