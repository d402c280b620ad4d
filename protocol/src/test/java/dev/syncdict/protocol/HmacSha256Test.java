package dev.syncdict.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class HmacSha256Test {

    @Test
    void matchesRfc4231TestCases() {
        // Test case 2: a short key; test case 6: a key longer than the block, which is hashed first.
        assertThat(hex(HmacSha256.of("Jefe".getBytes(StandardCharsets.US_ASCII),
                "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        byte[] longKey = new byte[131];
        java.util.Arrays.fill(longKey, (byte) 0xaa);
        assertThat(hex(HmacSha256.of(longKey,
                "Test Using Larger Than Block-Size Key - Hash Key First".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    }

    @Test
    void agreesWithTheJdksMacForKeysOfEveryLengthAroundTheBlock() throws Exception {
        Random random = new Random(9);
        for (int keyLength = 0; keyLength <= 130; keyLength++) {
            byte[] key = new byte[keyLength];
            byte[] message = new byte[random.nextInt(200)];
            random.nextBytes(key);
            random.nextBytes(message);
            Mac mac = Mac.getInstance("HmacSHA256");
            // The JDK refuses an empty key; HMAC itself pads it like any short key.
            if (keyLength > 0) {
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                assertThat(HmacSha256.of(key, message)).as("key of %d bytes", keyLength).isEqualTo(mac.doFinal(message));
            }
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
