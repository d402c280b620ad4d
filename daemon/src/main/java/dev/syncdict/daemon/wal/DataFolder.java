package dev.syncdict.daemon.wal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of one data folder and their names: log segments named by the first revision they
 * hold, snapshots by the revision they hold, both zero-padded so that names sort as revisions.
 */
final class DataFolder {

    /** A file of the folder and the revision its name carries. */
    record Entry(Path file, long revision) {}

    static final String TEMP_SUFFIX = ".tmp";
    private static final Pattern SEGMENT = Pattern.compile("wal-(\\d{20})\\.log");
    private static final Pattern SNAPSHOT = Pattern.compile("snapshot-(\\d{20})\\.snap");

    final Path dir;

    DataFolder(Path dir) {
        this.dir = dir;
    }

    Path segment(long firstRevision) {
        return dir.resolve(String.format("wal-%020d.log", firstRevision));
    }

    Path snapshot(long revision) {
        return dir.resolve(String.format("snapshot-%020d.snap", revision));
    }

    /** The log segments, oldest first. */
    List<Entry> segments() throws IOException {
        return list(SEGMENT);
    }

    /** The snapshots, oldest first. */
    List<Entry> snapshots() throws IOException {
        return list(SNAPSHOT);
    }

    /** Snapshots a crash interrupted before their rename: never complete, so never read. */
    void deleteTemporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.getFileName().toString().endsWith(TEMP_SUFFIX)) {
                    Files.delete(file);
                }
            }
        }
    }

    /** Makes the folder's entries (a file created, renamed or deleted) durable: a file's own fsync does not. */
    void sync() throws IOException {
        try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
            folder.force(true);
        }
    }

    private List<Entry> list(Pattern pattern) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher name = pattern.matcher(file.getFileName().toString());
                if (name.matches()) {
                    entries.add(new Entry(file, Long.parseLong(name.group(1))));
                }
            }
        }
        entries.sort(Comparator.comparingLong(Entry::revision));
        return entries;
    }
}
