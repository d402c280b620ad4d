package dev.syncdict.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * The shared secret both sides prove they know. Its text never appears in logs, errors or
 * {@link #toString()}.
 */
public final class Token {

    /** The environment variable a remote client can take its token from. */
    public static final String ENV = "SYNCDICT_TOKEN";

    private final byte[] secret;

    private Token(String text) {
        this.secret = text.getBytes(StandardCharsets.UTF_8);
    }

    byte[] secret() {
        return secret.clone();
    }

    /**
     * The token from, in order: an explicit file, $SYNCDICT_TOKEN, the default file. A daemon
     * creates the default file when it is missing; a client only reads it.
     */
    public static Token resolve(Path explicitFile, Map<String, String> env, Locations locations, boolean create)
            throws IOException {
        Path file = fileUsed(explicitFile, env, locations);
        if (file == null) {
            return new Token(env.get(ENV).strip());
        }
        return create ? readOrCreate(file) : read(file);
    }

    /** The file {@link #resolve} reads the token from, or null when it comes from $SYNCDICT_TOKEN. */
    public static Path fileUsed(Path explicitFile, Map<String, String> env, Locations locations) {
        if (explicitFile != null) {
            return explicitFile;
        }
        String fromEnv = env.get(ENV);
        return fromEnv != null && !fromEnv.isBlank() ? null : locations.tokenFile();
    }

    /** Reads a token file; an empty one is an error. */
    public static Token read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            throw new IOException("token file " + file + " is empty");
        }
        return new Token(text);
    }

    /**
     * Reads the token file, first creating it with a random token, mode 0600, in a directory of
     * mode 0700. Creation is race-free: the file appears whole, by a hard link, or not at all.
     */
    public static Token readOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return read(file);
        }
        Path dir = file.getParent();
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path temp = randomTokenFile(dir);
        try {
            Files.createLink(file, temp);
        } catch (FileAlreadyExistsException e) {
            // Another process created it first: use theirs.
        } finally {
            Files.deleteIfExists(temp);
        }
        return read(file);
    }

    /**
     * Replaces the token file's token with a new random one (token rotation). The new file takes
     * the old one's place in one rename, so a reader sees either token whole, never a mix.
     */
    public static Token replace(Path file) throws IOException {
        Path temp = randomTokenFile(file.toAbsolutePath().getParent());
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        return read(file);
    }

    /** A new file of mode 0600 beside the token file, holding 256 random bits in hex. */
    private static Path randomTokenFile(Path dir) throws IOException {
        Path temp = Files.createTempFile(dir, ".token", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        Files.writeString(temp, HexFormat.of().formatHex(random) + "\n", StandardCharsets.UTF_8);
        return temp;
    }

    /** True when group or others may read the file, which a daemon refuses, as ssh does for keys. */
    public static boolean isExposed(Path file) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        return permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ);
    }

    /** A token given as text (SYNCDICT_TOKEN, or a test's own). */
    public static Token of(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("a token cannot be empty");
        }
        return new Token(text.strip());
    }

    @Override
    public String toString() {
        return "Token[redacted]";
    }
}
