package dev.syncdict.protocol;

import java.util.List;

/**
 * A watch's event: what one commit changed at or below the watched path, all under its revision;
 * or, with an error, the end of the watch ({@code too_slow}: resume from {@code rev}).
 */
public record Event(Object watch, long rev, List<Change> changes, Reply.Error error) {

    /**
     * One change: its kind ({@code set}, {@code del}, {@code incr}, {@code load}), the path written,
     * the new value (null for {@code del}) and the previous one (null unless asked for, or none).
     */
    public record Change(String kind, Path path, Object value, Object prev) {}

    public boolean isError() {
        return error != null;
    }
}
