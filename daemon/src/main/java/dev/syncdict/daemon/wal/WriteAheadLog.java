package dev.syncdict.daemon.wal;

import dev.syncdict.daemon.store.Commit;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The log segment being appended to. A group of commits is one write and, under {@code always},
 * one fsync (group commit); under {@code everysec} a thread of its own syncs once a second. An
 * append that fails is cut off again before the failure is reported, so no half-written group
 * stays in the log; if even that fails, the next append first retries the cut.
 *
 * <p>Threading: appends and {@link #rollOver} on the owner's thread; the syncing thread only
 * forces whichever channel is current.
 */
final class WriteAheadLog implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WriteAheadLog.class.getName());

    private final DataFolder folder;
    private final FsyncPolicy fsync;
    private final ChannelOpener opener;
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final CountDownLatch stopSyncer = new CountDownLatch(1);
    private final Thread syncer;
    private volatile FileChannel channel;
    private Path file;
    /** Where the next record goes: the end of the good records. */
    private long position;
    /** Where a failed append must be cut back to, or -1 when the segment holds only good records. */
    private long cutBackTo = -1;

    WriteAheadLog(DataFolder folder, FsyncPolicy fsync, ChannelOpener opener, Path segment, long segmentBytes, long nextRevision)
            throws IOException {
        this.folder = folder;
        this.fsync = fsync;
        this.opener = opener;
        if (segment == null) {
            open(folder.segment(nextRevision), 0);
        } else {
            open(segment, segmentBytes);
        }
        syncer = fsync == FsyncPolicy.EVERYSEC ? startSyncer() : null;
    }

    /** Appends a group as one write (synced under {@code always}); returns the bytes written. */
    long append(List<Commit> group) throws IOException {
        if (cutBackTo >= 0) {
            cutBack();
        }
        int size = 0;
        byte[][] records = new byte[group.size()][];
        for (int i = 0; i < records.length; i++) {
            records[i] = RecordCodec.encode(group.get(i));
            size += records[i].length;
        }
        ByteBuffer bytes = ByteBuffer.allocate(size);
        for (byte[] record : records) {
            bytes.put(record);
        }
        bytes.flip();
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes, position + bytes.position());
            }
            if (fsync == FsyncPolicy.ALWAYS) {
                channel.force(false);
            } else {
                dirty.set(true);
            }
        } catch (IOException e) {
            cutBackTo = position;
            try {
                cutBack();
            } catch (IOException logged) {
                // The next append retries it, and fails until it succeeds.
            }
            throw new IOException("could not append to the log " + file + ": " + e.getMessage(), e);
        }
        position += size;
        return size;
    }

    /** Seals the current segment (synced) and starts the next at this revision. */
    void rollOver(long nextRevision) throws IOException {
        channel.force(false);
        FileChannel sealed = channel;
        open(folder.segment(nextRevision), 0);
        sealed.close();
    }

    /** The bytes of good records in the current segment. */
    long segmentBytes() {
        return position;
    }

    private void open(Path segment, long size) throws IOException {
        FileChannel opened = opener.open(segment);
        try {
            // Whatever lies past the good records (recovery cut it off already) must not survive.
            opened.truncate(size);
            folder.sync();
        } catch (IOException e) {
            opened.close();
            throw e;
        }
        channel = opened;
        file = segment;
        position = size;
    }

    /** Removes a failed append's bytes; until it succeeds, every append fails first with its reason. */
    private void cutBack() throws IOException {
        try {
            channel.truncate(cutBackTo);
            cutBackTo = -1;
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "could not cut a failed append off the log " + file + " at " + cutBackTo, e);
            throw new IOException("could not repair the log " + file + " after a failed append: " + e.getMessage(), e);
        }
    }

    private Thread startSyncer() {
        Thread thread = new Thread(() -> {
            try {
                // Never interrupted: an interrupt during force() would close the log's channel.
                while (!stopSyncer.await(1, TimeUnit.SECONDS)) {
                    sync();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "syncdictd-fsync");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void sync() {
        if (dirty.getAndSet(false)) {
            try {
                channel.force(false);
            } catch (java.nio.channels.ClosedChannelException sealed) {
                // Rolled over meanwhile: the sealed segment was synced before it closed.
            } catch (IOException e) {
                dirty.set(true);
                LOG.log(Level.SEVERE, "could not sync the log " + file, e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (syncer != null) {
            stopSyncer.countDown();
            try {
                syncer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            channel.force(false);
        } finally {
            channel.close();
        }
    }
}
