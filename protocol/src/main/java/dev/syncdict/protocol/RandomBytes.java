package dev.syncdict.protocol;

import java.io.FileInputStream;
import java.io.IOException;
import java.security.SecureRandom;

/**
 * Random bytes for nonces, read from the kernel's generator ({@code /dev/urandom}, which the
 * JDK's default {@code SecureRandom} on Linux reads too). A {@code SecureRandom} costs a one-shot
 * command the security providers' set-up, about 14 ms of CPU (docs/BENCHMARKS.md); where there
 * is no such device, it is what the bytes come from.
 */
final class RandomBytes {

    static final String KERNEL_SOURCE = "/dev/urandom";

    private RandomBytes() {}

    /** {@code count} random bytes. */
    static byte[] of(int count) {
        return of(count, KERNEL_SOURCE);
    }

    /** {@code count} bytes from {@code source}, or from a {@code SecureRandom} when it cannot give them all. */
    static byte[] of(int count, String source) {
        byte[] bytes = new byte[count];
        try (FileInputStream in = new FileInputStream(source)) {
            if (in.readNBytes(bytes, 0, count) == count) {
                return bytes;
            }
        } catch (IOException noDevice) {
            // Not Linux, or a sandbox without the device: the JDK's generator instead.
        }
        Fallback.RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Set up only when the kernel's source fails. */
    private static final class Fallback {
        static final SecureRandom RANDOM = new SecureRandom();
    }
}
