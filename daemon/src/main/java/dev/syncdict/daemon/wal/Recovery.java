package dev.syncdict.daemon.wal;

import dev.syncdict.daemon.DaemonConfig;
import dev.syncdict.daemon.store.Change;
import dev.syncdict.daemon.store.Commit;
import dev.syncdict.daemon.store.Dictionary;
import dev.syncdict.daemon.store.Tree;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Rebuilds the dictionary at start: the newest snapshot, then every log record after it, each
 * applied at its revision exactly as the commit changed the tree, so values and mod_revs come
 * back as they were. A torn last record is cut off with a warning; a damaged record anywhere else
 * stops the start, unless {@code salvage} keeps everything before it.
 */
final class Recovery {

    private static final Logger LOG = Logger.getLogger(Recovery.class.getName());

    /**
     * The dictionary recovered, the snapshot it started from, the log segment to append to, and
     * the last commits replayed (within the bounds given, with the old values the replay
     * found), so that watches can resume from before the restart, {@code prev} included.
     */
    record Recovered(Dictionary dictionary, long snapshotRevision, long snapshotBytes, Path segment, long segmentBytes,
            long logBytes, long records, List<Commit> tail) {}

    /** A replayed commit, with the old values found, and the bytes of the record it came from. */
    private record Replayed(Commit commit, int recordBytes) {}

    private final ArrayDeque<Replayed> tail = new ArrayDeque<>();
    /** The record bytes of the commits in the tail. */
    private long tailBytes;

    private final DataFolder folder;
    private final boolean salvage;
    private final int maxTailCommits;
    private final long maxTailBytes;
    private Dictionary dictionary;
    private long records;
    /** Whether a damaged record was cut off, and the segments after it set aside. */
    private boolean salvaged;

    private Recovery(DataFolder folder, boolean salvage, int maxTailCommits, long maxTailBytes) {
        this.folder = folder;
        this.salvage = salvage;
        this.maxTailCommits = maxTailCommits;
        this.maxTailBytes = maxTailBytes;
    }

    /**
     * Recovers, keeping for the watch history as many commits as it holds, and records of as many
     * bytes as its encoding may take, so that a log of large records is not held whole while the
     * replay goes on (the history trims the rest by its own encoding).
     */
    static Recovered run(DataFolder folder, boolean salvage) throws IOException {
        return run(folder, salvage, DaemonConfig.WATCH_HISTORY_COMMITS, DaemonConfig.WATCH_HISTORY_BYTES);
    }

    static Recovered run(DataFolder folder, boolean salvage, int maxTailCommits, long maxTailBytes) throws IOException {
        return new Recovery(folder, salvage, maxTailCommits, maxTailBytes).recover();
    }

    private Recovered recover() throws IOException {
        folder.deleteTemporaryFiles();
        List<DataFolder.Entry> snapshots = folder.snapshots();
        long snapshotBytes = 0;
        if (snapshots.isEmpty()) {
            dictionary = new Dictionary(true);
        } else {
            SnapshotFile.Loaded loaded = SnapshotFile.read(snapshots.get(snapshots.size() - 1).file());
            dictionary = Dictionary.thaw(loaded.root(), loaded.revision(), true);
            snapshotBytes = loaded.bytes();
        }
        long snapshotRevision = dictionary.revision();
        List<DataFolder.Entry> segments = folder.segments();
        long logBytes = 0;
        for (int i = 0; i < segments.size(); i++) {
            DataFolder.Entry segment = segments.get(i);
            boolean last = i == segments.size() - 1;
            if (!last && segments.get(i + 1).revision() <= snapshotRevision + 1) {
                // Wholly in the snapshot: a crash came between writing the snapshot and deleting these.
                Files.delete(segment.file());
                continue;
            }
            logBytes += replay(segment.file(), last, segments.subList(i + 1, segments.size()));
            if (salvaged) {
                break;
            }
        }
        segments = folder.segments();
        if (segments.isEmpty()) {
            return new Recovered(dictionary, snapshotRevision, snapshotBytes, null, 0, 0, 0, tailCommits());
        }
        Path current = segments.get(segments.size() - 1).file();
        return new Recovered(dictionary, snapshotRevision, snapshotBytes, current, Files.size(current), logBytes, records,
                tailCommits());
    }

    private List<Commit> tailCommits() {
        return tail.stream().map(Replayed::commit).toList();
    }

    /** Replays one segment; returns the bytes of good records it holds. */
    private long replay(Path file, boolean last, List<DataFolder.Entry> later) throws IOException {
        SegmentScanner.Result result;
        try {
            result = SegmentScanner.scan(file, (revision, payload, offset) -> apply(file, revision, payload, offset));
        } catch (Unreplayable e) {
            result = new SegmentScanner.Result(SegmentScanner.End.CORRUPT, e.offset, e.getMessage());
        }
        if (result.end() == SegmentScanner.End.CLEAN) {
            return result.goodBytes();
        }
        if (result.end() == SegmentScanner.End.TORN && last) {
            LOG.warning("the log " + file + " ends in a torn record at offset " + result.goodBytes() + " (" + result.problem()
                    + "): a crash interrupted its append, which was never acknowledged; cutting it off");
            truncate(file, result.goodBytes());
            return result.goodBytes();
        }
        if (!salvage) {
            throw new PersistenceException("the log " + file + " is damaged at offset " + result.goodBytes() + ": "
                    + result.problem() + ". Everything before it can be kept by starting once with --salvage"
                    + " (the damaged part is kept aside as *.corrupt)");
        }
        LOG.warning("salvaging the log " + file + ": keeping the " + result.goodBytes() + " bytes before offset "
                + result.goodBytes() + " (" + result.problem() + "); the rest is kept aside as *.corrupt");
        Files.copy(file, file.resolveSibling(file.getFileName() + ".corrupt"), StandardCopyOption.REPLACE_EXISTING);
        truncate(file, result.goodBytes());
        for (DataFolder.Entry after : later) {
            Files.move(after.file(), after.file().resolveSibling(after.file().getFileName() + ".corrupt"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        folder.sync();
        salvaged = true;
        return result.goodBytes();
    }

    /** Applies one record at its revision: a set at each written path, a delete at each deleted one, in order. */
    private void apply(Path file, long revision, byte[] payload, long offset) throws Unreplayable {
        if (revision <= dictionary.revision()) {
            return;
        }
        if (revision != dictionary.revision() + 1) {
            throw new Unreplayable(offset, "revision " + revision + " follows " + dictionary.revision() + " (a gap)");
        }
        Tree.Transaction transaction = dictionary.begin();
        Commit commit;
        try {
            commit = RecordCodec.decode(revision, payload);
            for (Change change : commit.changes()) {
                if (change.kind() == Change.Kind.DELETE) {
                    transaction.delete(change.path());
                } else {
                    transaction.set(change.path(), change.value());
                }
            }
        } catch (RuntimeException e) {
            transaction.rollback();
            throw new Unreplayable(offset, "revision " + revision + " does not apply: " + e.getMessage());
        }
        Commit applied = transaction.commit();
        records++;
        tail.addLast(new Replayed(withOldValues(commit, applied), payload.length));
        tailBytes += payload.length;
        while (tail.size() > maxTailCommits || tailBytes > maxTailBytes) {
            tailBytes -= tail.removeFirst().recordBytes();
        }
    }

    /**
     * The record's changes, their kinds as written (an incr stays an incr), with the old values the
     * replay found: the log keeps none. The replay made one set or delete per recorded change, in
     * order, and each records one change at its path, so the two lists line up one to one.
     */
    private static Commit withOldValues(Commit recorded, Commit applied) {
        List<Change> written = recorded.changes();
        List<Change> replayed = applied.changes();
        List<Change> merged = new ArrayList<>(written.size());
        for (int i = 0; i < written.size(); i++) {
            Change change = written.get(i);
            merged.add(new Change(change.kind(), change.path(), change.value(), replayed.get(i).oldValue()));
        }
        return new Commit(recorded.revision(), merged);
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
            channel.force(true);
        }
    }

    /** A record whose checksum holds but which cannot be applied where it stands. */
    private static final class Unreplayable extends IOException {
        private static final long serialVersionUID = 1L;
        final long offset;

        Unreplayable(long offset, String message) {
            super(message);
            this.offset = offset;
        }
    }
}
