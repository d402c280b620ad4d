package dev.syncdict.daemon.wal;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Reads the records of one log segment in order and says how it ends: cleanly, torn (a crash
 * cut the last append short, or left space it never filled) or corrupt (a record that fails its
 * checksum with more data after it, which no crash produces).
 */
final class SegmentScanner {

    /** How a segment ends. */
    enum End { CLEAN, TORN, CORRUPT }

    /** How the scan ended, where the good records stop, and what was wrong there. */
    record Result(End end, long goodBytes, String problem) {}

    /** Takes each good record as it is read. */
    interface Sink {
        void record(long revision, byte[] payload, long offset) throws IOException;
    }

    private SegmentScanner() {}

    static Result scan(Path file, Sink sink) throws IOException {
        long size = Files.size(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            long offset = 0;
            byte[] header = new byte[RecordCodec.HEADER_BYTES];
            while (offset < size) {
                long left = size - offset;
                if (left < RecordCodec.HEADER_BYTES) {
                    return new Result(End.TORN, offset, "an incomplete record header");
                }
                readFully(in, header);
                ByteBuffer fields = ByteBuffer.wrap(header);
                int length = fields.getInt();
                long revision = fields.getLong();
                if (RecordCodec.crc(header, 0, 12) != fields.getInt()) {
                    // A header is only trusted once checked; zeros to the end are space a crash never filled.
                    return isZero(header) && restIsZero(in)
                            ? new Result(End.TORN, offset, "zeros where a record should start")
                            : new Result(End.CORRUPT, offset, "a record header that fails its checksum");
                }
                long recordBytes = (long) RecordCodec.HEADER_BYTES + length + RecordCodec.TRAILER_BYTES;
                if (length < 0 || recordBytes > left) {
                    return new Result(End.TORN, offset, "a record cut short (" + left + " of " + recordBytes + " bytes)");
                }
                byte[] payload = new byte[length];
                readFully(in, payload);
                byte[] trailer = new byte[RecordCodec.TRAILER_BYTES];
                readFully(in, trailer);
                CRC32C crc = new CRC32C();
                crc.update(header);
                crc.update(payload);
                if ((int) crc.getValue() != ByteBuffer.wrap(trailer).getInt()) {
                    return offset + recordBytes == size
                            ? new Result(End.TORN, offset, "a last record that fails its checksum")
                            : new Result(End.CORRUPT, offset, "a record that fails its checksum");
                }
                sink.record(revision, payload, offset);
                offset += recordBytes;
            }
            return new Result(End.CLEAN, offset, null);
        }
    }

    private static void readFully(InputStream in, byte[] into) throws IOException {
        int read = 0;
        while (read < into.length) {
            int n = in.read(into, read, into.length - read);
            if (n < 0) {
                throw new EOFException("the file shrank while it was read");
            }
            read += n;
        }
    }

    private static boolean isZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean restIsZero(InputStream in) throws IOException {
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
