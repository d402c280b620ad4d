package dev.syncdict.protocol;

/**
 * The paths of recent requests, parsed once and shared: a daemon under load sees the same few
 * paths again and again, and every commit it keeps for watches holds its request's path, so a
 * path shared by many commits is kept (and copied by the collector) once. A small table indexed
 * by the text's hash; a newer path takes an older one's slot. Any thread: an entry is immutable,
 * so a thread that reads a stale or missing slot only parses again.
 */
final class RecentPaths {

    private record Parsed(String text, Path path) {}

    private static final int SLOTS = 256;
    private static final Parsed[] TABLE = new Parsed[SLOTS];

    private RecentPaths() {}

    /** The path {@code text} names, parsed now or shared from a recent request. */
    static Path parse(String text) {
        int slot = text.hashCode() & (SLOTS - 1);
        Parsed recent = TABLE[slot];
        if (recent != null && recent.text().equals(text)) {
            return recent.path();
        }
        Path path = Path.parse(text);
        TABLE[slot] = new Parsed(text, path);
        return path;
    }
}
