package dev.syncdict.daemon.wal;

import dev.syncdict.daemon.store.Change;
import dev.syncdict.daemon.store.Commit;
import dev.syncdict.protocol.Json;
import dev.syncdict.protocol.Path;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * One commit as one log record, and back. A record is a header (payload length, revision, and a
 * CRC32C of those two, so that a damaged length is caught before it is trusted), the payload (the
 * changes as JSON: {@code [kind, [path segments], value]} each) and a CRC32C over header and
 * payload. Big-endian throughout.
 */
final class RecordCodec {

    /** Length (4), revision (8), header checksum (4). */
    static final int HEADER_BYTES = 16;
    /** The checksum of the whole record. */
    static final int TRAILER_BYTES = 4;

    private RecordCodec() {}

    /** The record of one commit. */
    static byte[] encode(Commit commit) {
        List<Object> changes = new ArrayList<>(commit.changes().size());
        for (Change change : commit.changes()) {
            List<Object> entry = new ArrayList<>(3);
            entry.add(change.kind().name());
            entry.add(segments(change.path()));
            if (change.kind() != Change.Kind.DELETE) {
                entry.add(change.value());
            }
            changes.add(entry);
        }
        byte[] payload = Json.write(changes).getBytes(StandardCharsets.UTF_8);
        ByteBuffer record = ByteBuffer.allocate(HEADER_BYTES + payload.length + TRAILER_BYTES);
        record.putInt(payload.length).putLong(commit.revision());
        record.putInt(crc(record.array(), 0, 12));
        record.put(payload);
        record.putInt(crc(record.array(), 0, HEADER_BYTES + payload.length));
        return record.array();
    }

    /** The changes of a payload whose checksum has been verified. */
    static Commit decode(long revision, byte[] payload) {
        List<?> entries = (List<?>) Json.parse(payload, 0, payload.length);
        List<Change> changes = new ArrayList<>(entries.size());
        for (Object item : entries) {
            List<?> entry = (List<?>) item;
            Change.Kind kind = Change.Kind.valueOf((String) entry.get(0));
            Path path = path((List<?>) entry.get(1));
            changes.add(new Change(kind, path, kind == Change.Kind.DELETE ? null : entry.get(2), null));
        }
        return new Commit(revision, List.copyOf(changes));
    }

    static int crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    /** Segments as JSON (keys as strings, indexes as numbers), so no path text needs parsing back. */
    private static List<Object> segments(Path path) {
        List<Object> segments = new ArrayList<>(path.length());
        for (Path.Segment segment : path.segments()) {
            segments.add(segment instanceof Path.Key ? ((Path.Key) segment).name() : BigDecimal.valueOf(((Path.Index) segment).position()));
        }
        return segments;
    }

    private static Path path(List<?> segments) {
        List<Path.Segment> path = new ArrayList<>(segments.size());
        for (Object segment : segments) {
            path.add(segment instanceof String ? new Path.Key((String) segment) : new Path.Index(((BigDecimal) segment).intValueExact()));
        }
        return Path.of(path);
    }
}
