package dev.syncdict.protocol;

/**
 * SHA-256 (FIPS 180-4) for the handshake's HMAC. The JDK's {@code MessageDigest} gives the same
 * bytes, but its first use sets up the security providers (reading {@code java.security},
 * registering every service of the SUN provider): about 14 ms of CPU in every one-shot command,
 * a quarter of what the shell costs above a plain JVM's start (docs/BENCHMARKS.md). Sha256Test
 * holds it to the standard's examples and to {@code MessageDigest} for inputs of every length
 * around the block boundaries. Not thread-safe: one per computation.
 */
final class Sha256 {

    static final int BLOCK_BYTES = 64;

    /** The first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
    private static final int[] K = {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    };

    /** The first 32 bits of the fractional parts of the square roots of the first 8 primes. */
    private static final int[] INITIAL = {
            0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    };

    private final int[] state = INITIAL.clone();
    private final int[] schedule = new int[64];
    private final byte[] block = new byte[BLOCK_BYTES];
    private int blockLength;
    private long totalBytes;

    /** Adds bytes to the message. */
    void update(byte[] data) {
        for (byte b : data) {
            block[blockLength++] = b;
            if (blockLength == BLOCK_BYTES) {
                compress();
                blockLength = 0;
            }
        }
        totalBytes += data.length;
    }

    /** Adds the last bytes and returns the digest of the whole message; the object then starts a new one. */
    byte[] digest(byte[] data) {
        update(data);
        long bits = totalBytes * 8;
        // Padding: a 1 bit, zeros up to 8 bytes short of a block's end, then the length in bits.
        block[blockLength++] = (byte) 0x80;
        if (blockLength > BLOCK_BYTES - 8) {
            java.util.Arrays.fill(block, blockLength, BLOCK_BYTES, (byte) 0);
            compress();
            blockLength = 0;
        }
        java.util.Arrays.fill(block, blockLength, BLOCK_BYTES - 8, (byte) 0);
        for (int i = 0; i < 8; i++) {
            block[BLOCK_BYTES - 1 - i] = (byte) (bits >>> (8 * i));
        }
        compress();
        byte[] digest = new byte[32];
        for (int i = 0; i < 8; i++) {
            digest[4 * i] = (byte) (state[i] >>> 24);
            digest[4 * i + 1] = (byte) (state[i] >>> 16);
            digest[4 * i + 2] = (byte) (state[i] >>> 8);
            digest[4 * i + 3] = (byte) state[i];
        }
        System.arraycopy(INITIAL, 0, state, 0, 8);
        blockLength = 0;
        totalBytes = 0;
        return digest;
    }

    /** Folds the full block into the state. */
    private void compress() {
        int[] w = schedule;
        for (int t = 0; t < 16; t++) {
            w[t] = (block[4 * t] & 0xff) << 24 | (block[4 * t + 1] & 0xff) << 16
                    | (block[4 * t + 2] & 0xff) << 8 | (block[4 * t + 3] & 0xff);
        }
        for (int t = 16; t < 64; t++) {
            int s0 = Integer.rotateRight(w[t - 15], 7) ^ Integer.rotateRight(w[t - 15], 18) ^ (w[t - 15] >>> 3);
            int s1 = Integer.rotateRight(w[t - 2], 17) ^ Integer.rotateRight(w[t - 2], 19) ^ (w[t - 2] >>> 10);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }
        int a = state[0];
        int b = state[1];
        int c = state[2];
        int d = state[3];
        int e = state[4];
        int f = state[5];
        int g = state[6];
        int h = state[7];
        for (int t = 0; t < 64; t++) {
            int sum1 = Integer.rotateRight(e, 6) ^ Integer.rotateRight(e, 11) ^ Integer.rotateRight(e, 25);
            int choice = (e & f) ^ (~e & g);
            int t1 = h + sum1 + choice + K[t] + w[t];
            int sum0 = Integer.rotateRight(a, 2) ^ Integer.rotateRight(a, 13) ^ Integer.rotateRight(a, 22);
            int majority = (a & b) ^ (a & c) ^ (b & c);
            int t2 = sum0 + majority;
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
    }
}
