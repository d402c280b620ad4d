package dev.syncdict.daemon.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A log segment on a disk the test controls: while {@link Disk#full} is set, a write puts half of
 * its bytes on disk and then fails as a full disk does, and so does a truncate when
 * {@link Disk#broken} is set. Counts the fsyncs.
 */
public final class FaultyChannel extends FileChannel {

    /** The switches and counters shared by every segment the opener opens. */
    public static final class Disk {
        public volatile boolean full;
        volatile boolean broken;
        final AtomicInteger forces = new AtomicInteger();

        public ChannelOpener opener() {
            return file -> new FaultyChannel(ChannelOpener.FILES.open(file), this);
        }
    }

    private final FileChannel real;
    private final Disk disk;

    private FaultyChannel(FileChannel real, Disk disk) {
        this.real = real;
        this.disk = disk;
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        if (disk.full) {
            ByteBuffer half = src.duplicate();
            half.limit(half.position() + half.remaining() / 2);
            int written = real.write(half, position);
            src.position(src.position() + written);
            throw new IOException("No space left on device");
        }
        return real.write(src, position);
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        if (disk.broken) {
            throw new IOException("Input/output error");
        }
        real.truncate(size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        disk.forces.incrementAndGet();
        real.force(metaData);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return real.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return real.read(dsts, offset, length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return write(src, position());
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        throw new UnsupportedOperationException("the log writes one buffer at a time");
    }

    @Override
    public long position() throws IOException {
        return real.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        real.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return real.size();
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return real.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        throw new UnsupportedOperationException("the log writes one buffer at a time");
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return real.read(dst, position);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return real.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return real.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return real.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        real.close();
    }
}
