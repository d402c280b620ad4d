package dev.syncdict.protocol;

/**
 * HMAC-SHA256 (RFC 2104) computed with {@link Sha256} alone. javax.crypto's {@code Mac} and the
 * JDK's {@code MessageDigest} give the same bytes but cost a one-shot command 14 to 18 ms of
 * security-provider set-up on every start (docs/BENCHMARKS.md).
 */
final class HmacSha256 {

    private static final int BLOCK_BYTES = Sha256.BLOCK_BYTES;

    private HmacSha256() {}

    static byte[] of(byte[] key, byte[] message) {
        Sha256 sha = new Sha256();
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
}
