package dev.syncdict.protocol;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HMAC-SHA256 (RFC 2104) computed with the SHA-256 digest alone. javax.crypto's {@code Mac} gives
 * the same bytes but costs a one-shot command about 18 ms of provider set-up on every start
 * (docs/BENCHMARKS.md); the digest is set up anyway by the nonce's random generator.
 */
final class HmacSha256 {

    private static final int BLOCK_BYTES = 64;

    private HmacSha256() {}

    static byte[] of(byte[] key, byte[] message) {
        MessageDigest sha = sha256();
        // A key longer than a block is replaced by its digest; a shorter one is padded with zeros.
        byte[] k = key.length > BLOCK_BYTES ? sha.digest(key) : key;
        byte[] innerPad = new byte[BLOCK_BYTES];
        byte[] outerPad = new byte[BLOCK_BYTES];
        for (int i = 0; i < BLOCK_BYTES; i++) {
            byte b = i < k.length ? k[i] : 0;
            innerPad[i] = (byte) (b ^ 0x36);
            outerPad[i] = (byte) (b ^ 0x5c);
        }
        sha.update(innerPad);
        byte[] inner = sha.digest(message);
        sha.update(outerPad);
        return sha.digest(inner);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
