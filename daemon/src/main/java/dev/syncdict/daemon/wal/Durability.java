package dev.syncdict.daemon.wal;

import dev.syncdict.daemon.CommitListener;
import dev.syncdict.daemon.Persistence;
import dev.syncdict.daemon.store.Commit;
import dev.syncdict.daemon.store.Dictionary;
import dev.syncdict.daemon.store.FrozenNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A dictionary kept on disk: the data folder's lock, recovery at start, the write-ahead log as the
 * first commit listener, and compaction. A compaction freezes a copy of the tree and seals the log
 * segment on the owner's thread (a copy in memory and one fsync), then writes the snapshot and
 * deletes what it covers on a thread of its own while writes go on.
 *
 * <p>Threading: everything but the snapshot writer runs on the owner's thread; the writer
 * publishes its figures through volatile fields.
 */
public final class Durability implements CommitListener, Persistence {

    private static final Logger LOG = Logger.getLogger(Durability.class.getName());

    private final LogOptions options;
    private final DataFolder folder;
    private final DataLock lock;
    private final Dictionary dictionary;
    private List<Commit> replayed;
    private final WriteAheadLog log;
    private final long recoveryMillis;
    private final ExecutorService snapshotWriter = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "syncdictd-snapshot");
        thread.setDaemon(true);
        return thread;
    });
    /** Bytes and records in the log since the last snapshot began. */
    private long logBytes;
    private long logRecords;
    private volatile long snapshotRevision;
    private volatile long snapshotBytes;
    private volatile long compactions;
    private volatile boolean compacting;
    private boolean compactionRequested;

    private Durability(LogOptions options, DataFolder folder, DataLock lock, Recovery.Recovered recovered, long recoveryMillis)
            throws IOException {
        this.options = options;
        this.folder = folder;
        this.lock = lock;
        this.dictionary = recovered.dictionary();
        this.replayed = recovered.tail();
        this.recoveryMillis = recoveryMillis;
        this.snapshotRevision = recovered.snapshotRevision();
        this.snapshotBytes = recovered.snapshotBytes();
        this.logBytes = recovered.logBytes();
        this.logRecords = recovered.records();
        this.log = new WriteAheadLog(folder, options.fsync(), options.opener(), recovered.segment(), recovered.segmentBytes(),
                dictionary.revision() + 1);
    }

    /**
     * Takes the data folder (refusing one another daemon holds) and recovers its dictionary; any
     * failure is a {@link PersistenceException} that names the folder or the damaged file.
     */
    public static Durability open(LogOptions options) throws PersistenceException {
        try {
            if (!Files.isDirectory(options.dir())) {
                // The dictionary is as private as the token that guards it.
                Files.createDirectories(options.dir(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            DataFolder folder = new DataFolder(options.dir());
            DataLock lock = DataLock.take(options.dir());
            try {
                long started = System.nanoTime();
                Recovery.Recovered recovered = Recovery.run(folder, options.salvage());
                return new Durability(options, folder, lock, recovered, (System.nanoTime() - started) / 1_000_000);
            } catch (IOException | RuntimeException e) {
                lock.close();
                throw e;
            }
        } catch (PersistenceException e) {
            throw e;
        } catch (IOException e) {
            throw new PersistenceException("cannot use the data folder " + options.dir() + ": " + e.getMessage());
        }
    }

    /**
     * The last commits replayed at start, oldest first, for the watch history; handed over once,
     * so the memory they hold is the history's alone from then on.
     */
    public List<Commit> takeReplayed() {
        List<Commit> taken = replayed;
        replayed = List.of();
        return taken;
    }

    /** The recovered dictionary, for the store; the owner's from now on. */
    public Dictionary dictionary() {
        return dictionary;
    }

    @Override
    public void accept(List<Commit> group) throws IOException {
        logBytes += log.append(group);
        logRecords += group.size();
    }

    /** Asks for a compaction; it starts once the group asking is settled, never from a state a refusal could undo. */
    @Override
    public Map<String, Object> compact() {
        compactionRequested = true;
        return Map.of("compacting", Boolean.TRUE);
    }

    /**
     * Starts a compaction when one was asked for or the log has outgrown its threshold and the
     * last snapshot: the tree now holds exactly what the log holds.
     */
    @Override
    public void settled() {
        if (compacting || !(compactionRequested || logBytes >= Math.max(options.compactBytes(), snapshotBytes))) {
            return;
        }
        compactionRequested = false;
        long revision = dictionary.revision();
        FrozenNode frozen = dictionary.freeze();
        try {
            if (log.segmentBytes() > 0) {
                log.rollOver(revision + 1);
            }
        } catch (IOException e) {
            // Everything is still in the log; only the compaction waits for another chance.
            LOG.log(Level.WARNING, "could not seal the log for a compaction", e);
            return;
        }
        logBytes = 0;
        logRecords = 0;
        compacting = true;
        snapshotWriter.execute(() -> writeSnapshot(frozen, revision));
    }

    private void writeSnapshot(FrozenNode frozen, long revision) {
        try {
            long bytes = SnapshotFile.write(folder, frozen, revision);
            // Only once the snapshot is durable may what it covers go.
            for (DataFolder.Entry segment : folder.segments()) {
                if (segment.revision() <= revision) {
                    Files.delete(segment.file());
                }
            }
            for (DataFolder.Entry snapshot : folder.snapshots()) {
                if (snapshot.revision() < revision) {
                    Files.delete(snapshot.file());
                }
            }
            folder.sync();
            snapshotBytes = bytes;
            snapshotRevision = revision;
            compactions++;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "could not write the snapshot of revision " + revision + "; the log keeps everything", e);
        } finally {
            compacting = false;
        }
    }

    @Override
    public Map<String, Object> info() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("mode", "log");
        info.put("data_dir", options.dir().toString());
        info.put("fsync", options.fsync().optionName());
        info.put("log_bytes", BigDecimal.valueOf(logBytes));
        info.put("log_records", BigDecimal.valueOf(logRecords));
        info.put("snapshot_rev", BigDecimal.valueOf(snapshotRevision));
        info.put("snapshot_bytes", BigDecimal.valueOf(snapshotBytes));
        info.put("compactions", BigDecimal.valueOf(compactions));
        info.put("compacting", compacting);
        info.put("recovery_ms", BigDecimal.valueOf(recoveryMillis));
        return info;
    }

    @Override
    public void close() throws IOException {
        snapshotWriter.shutdown();
        try {
            snapshotWriter.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            log.close();
        } finally {
            lock.close();
        }
    }
}
