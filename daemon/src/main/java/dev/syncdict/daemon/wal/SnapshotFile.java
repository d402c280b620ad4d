package dev.syncdict.daemon.wal;

import dev.syncdict.daemon.store.FrozenNode;
import dev.syncdict.protocol.Json;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * A snapshot: the whole tree with every node's mod_rev, at one revision. One JSON line per node in
 * pre-order ({@code [depth, key, mod_rev, value]}, a container's value {@code {}} or {@code []}
 * with its children on the following lines), between a header line naming the revision and a
 * trailer line with the node count and a CRC32C of everything before it. One line per node keeps
 * every line shallow, however deep the tree.
 */
final class SnapshotFile {

    private static final String FORMAT = "syncdict_snapshot";

    private SnapshotFile() {}

    /** The snapshot read back, and its size on disk. */
    record Loaded(FrozenNode root, long revision, long bytes) {}

    /**
     * Writes a snapshot durably: a temporary file, fsync, rename over the final name, fsync the
     * folder. A crash at any point leaves either no snapshot of this revision or a complete one.
     */
    static long write(DataFolder folder, FrozenNode root, long revision) throws IOException {
        Path target = folder.snapshot(revision);
        Path temp = target.resolveSibling(target.getFileName() + DataFolder.TEMP_SUFFIX);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            CRC32C crc = new CRC32C();
            line(out, crc, Map.of(FORMAT, BigDecimal.ONE, "rev", BigDecimal.valueOf(revision)));
            long nodes = writeNode(out, crc, 0, Json.NULL, root);
            byte[] trailer = (Json.write(Map.of("nodes", BigDecimal.valueOf(nodes), "crc32c", BigDecimal.valueOf(crc.getValue())))
                    + "\n").getBytes(StandardCharsets.UTF_8);
            out.write(trailer);
            out.flush();
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        folder.sync();
        return Files.size(target);
    }

    private static long writeNode(OutputStream out, CRC32C crc, int depth, Object key, FrozenNode node) throws IOException {
        Object value = node.isObject() ? Map.of() : node.isArray() ? List.of() : node.value();
        line(out, crc, Arrays.asList(BigDecimal.valueOf(depth), key, BigDecimal.valueOf(node.modRev()), value));
        long nodes = 1;
        if (node.isObject()) {
            for (Map.Entry<String, FrozenNode> child : node.object().entrySet()) {
                nodes += writeNode(out, crc, depth + 1, child.getKey(), child.getValue());
            }
        } else if (node.isArray()) {
            for (FrozenNode element : node.array()) {
                nodes += writeNode(out, crc, depth + 1, Json.NULL, element);
            }
        }
        return nodes;
    }

    private static void line(OutputStream out, CRC32C crc, Object json) throws IOException {
        byte[] bytes = (Json.write(json) + "\n").getBytes(StandardCharsets.UTF_8);
        crc.update(bytes);
        out.write(bytes);
    }

    /** Reads a snapshot, or throws a {@link PersistenceException} naming the file and what is wrong. */
    static Loaded read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            CRC32C crc = new CRC32C();
            Map<?, ?> header = (Map<?, ?>) parse(file, readLine(in, crc), 1);
            if (header == null || !BigDecimal.ONE.equals(header.get(FORMAT))) {
                throw damaged(file, 1, "not a syncdict snapshot");
            }
            long revision = ((BigDecimal) header.get("rev")).longValueExact();
            List<Object> containers = new ArrayList<>();
            FrozenNode root = null;
            long nodes = 0;
            for (long lineNumber = 2;; lineNumber++) {
                long crcBefore = crc.getValue();
                Object line = parse(file, readLine(in, crc), lineNumber);
                if (line instanceof Map) {
                    Map<?, ?> trailer = (Map<?, ?>) line;
                    if (((BigDecimal) trailer.get("crc32c")).longValue() != crcBefore
                            || ((BigDecimal) trailer.get("nodes")).longValue() != nodes || in.read() >= 0) {
                        throw damaged(file, lineNumber, "its checksum or node count does not match");
                    }
                    return new Loaded(root, revision, Files.size(file));
                }
                List<?> entry = (List<?>) line;
                int depth = ((BigDecimal) entry.get(0)).intValueExact();
                FrozenNode node = node(entry);
                if (depth == 0 && root == null) {
                    root = node;
                } else if (depth < 1 || depth > containers.size()) {
                    throw damaged(file, lineNumber, "a node at depth " + depth + " has no parent");
                } else {
                    containers.subList(depth, containers.size()).clear();
                    add(containers.get(depth - 1), entry.get(1), node);
                }
                if (node.isObject() || node.isArray()) {
                    containers.add(node.value());
                }
                nodes++;
            }
        } catch (ClassCastException | IndexOutOfBoundsException | ArithmeticException | NullPointerException e) {
            throw new PersistenceException("the snapshot " + file + " is damaged: " + e);
        }
    }

    private static FrozenNode node(List<?> entry) {
        long modRev = ((BigDecimal) entry.get(2)).longValueExact();
        Object value = entry.get(3);
        if (value instanceof Map) {
            return new FrozenNode(new TreeMap<String, FrozenNode>(), modRev);
        }
        if (value instanceof List) {
            return new FrozenNode(new ArrayList<FrozenNode>(), modRev);
        }
        return new FrozenNode(value, modRev);
    }

    @SuppressWarnings("unchecked")
    private static void add(Object container, Object key, FrozenNode node) {
        if (container instanceof Map) {
            ((Map<String, FrozenNode>) container).put((String) key, node);
        } else {
            ((List<FrozenNode>) container).add(node);
        }
    }

    private static Object parse(Path file, byte[] line, long lineNumber) throws PersistenceException {
        if (line == null) {
            throw damaged(file, lineNumber, "it ends before its trailer");
        }
        try {
            return Json.parse(line, 0, line.length);
        } catch (RuntimeException e) {
            throw damaged(file, lineNumber, e.getMessage());
        }
    }

    /** One line without its newline, counted into the checksum with it; null at the end. */
    private static byte[] readLine(InputStream in, CRC32C crc) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int b = in.read(); b >= 0; b = in.read()) {
            crc.update(b);
            if (b == '\n') {
                return line.toByteArray();
            }
            line.write(b);
        }
        return null;
    }

    private static PersistenceException damaged(Path file, long line, String why) {
        return new PersistenceException("the snapshot " + file + " is damaged at line " + line + ": " + why);
    }
}
