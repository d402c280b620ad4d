package dev.syncdict.daemon.wal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens a log segment for appending: the seam through which tests make the disk fail. */
@FunctionalInterface
public interface ChannelOpener {

    /** The real file system. */
    ChannelOpener FILES = file -> FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);

    FileChannel open(Path file) throws IOException;
}
