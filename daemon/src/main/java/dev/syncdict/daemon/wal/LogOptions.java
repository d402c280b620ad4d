package dev.syncdict.daemon.wal;

import java.nio.file.Path;

/**
 * How a daemon keeps its dictionary on disk.
 *
 * @param dir the data folder (log segments, snapshots, the lock file)
 * @param fsync when appends reach the disk
 * @param salvage whether a damaged log record stops the start (false) or is cut off with all after it (true)
 * @param compactBytes the log size past which a snapshot is taken (and at least the last snapshot's size)
 * @param opener how segments are opened (tests make the disk fail through it)
 */
public record LogOptions(Path dir, FsyncPolicy fsync, boolean salvage, long compactBytes, ChannelOpener opener) {

    /** 64 MiB, as Redis's auto-aof-rewrite-min-size. */
    public static final long DEFAULT_COMPACT_BYTES = 64L * 1024 * 1024;

    public static LogOptions of(Path dir, FsyncPolicy fsync) {
        return new LogOptions(dir, fsync, false, DEFAULT_COMPACT_BYTES, ChannelOpener.FILES);
    }

    public LogOptions withSalvage(boolean newSalvage) {
        return new LogOptions(dir, fsync, newSalvage, compactBytes, opener);
    }

    public LogOptions withCompactBytes(long newCompactBytes) {
        return new LogOptions(dir, fsync, salvage, newCompactBytes, opener);
    }

    public LogOptions withOpener(ChannelOpener newOpener) {
        return new LogOptions(dir, fsync, salvage, compactBytes, newOpener);
    }
}
