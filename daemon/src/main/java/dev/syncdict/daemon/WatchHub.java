package dev.syncdict.daemon;

import dev.syncdict.daemon.store.Change;
import dev.syncdict.daemon.store.Commit;
import dev.syncdict.protocol.Codec;
import dev.syncdict.protocol.ErrorCode;
import dev.syncdict.protocol.Event;
import dev.syncdict.protocol.Json;
import dev.syncdict.protocol.Path;
import dev.syncdict.protocol.Reply;
import dev.syncdict.protocol.Request;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fans every commit out to the watchers of the paths it changed, in revision order, and keeps a
 * bounded history so that a watch can start from a past revision. A commit listener, after the
 * write-ahead log: events go out only for what is recorded. Each change is encoded once and
 * shared by every watcher's line. A watcher whose connection has more than its limit waiting
 * loses its watch with a {@code too_slow} line naming the revision to resume from; nobody else
 * waits for it. Owner's thread only.
 */
final class WatchHub implements CommitListener {

    /**
     * One change of a recorded commit, encoded the first time a watcher needs it, without (and, when
     * asked, with) its previous value: most commits are never watched, and encoding every one took
     * about 15 % of the daemon's CPU under a write load with no watcher.
     */
    private static final class Encoded {
        final Change change;
        private byte[] plain;
        private byte[] withPrev;

        Encoded(Change change) {
            this.change = change;
        }

        /** A commit's changes, to be encoded once for every watcher that receives them. */
        static List<Encoded> of(Commit commit) {
            List<Encoded> changes = new ArrayList<>(commit.changes().size());
            for (Change change : commit.changes()) {
                changes.add(new Encoded(change));
            }
            return changes;
        }

        byte[] bytes(boolean prev) {
            if (!prev || change.oldValue() == null) {
                if (plain == null) {
                    plain = Codec.encodeChange(event(change), false);
                }
                return plain;
            }
            if (withPrev == null) {
                withPrev = Codec.encodeChange(event(change), true);
            }
            return withPrev;
        }

        private static Event.Change event(Change change) {
            String kind = change.kind() == Change.Kind.DELETE ? "del" : change.kind().name().toLowerCase(Locale.ROOT);
            return new Event.Change(kind, change.path(), change.value(), change.oldValue());
        }
    }

    /** One watch: on which connection, under which id, of which path, with or without previous values. */
    private static final class Watcher {
        final Outbox outbox;
        final Object id;
        final Path path;
        final boolean prev;
        long delivered;

        Watcher(Outbox outbox, Object id, Path path, boolean prev, long delivered) {
            this.outbox = outbox;
            this.id = id;
            this.path = path;
            this.prev = prev;
            this.delivered = delivered;
        }
    }

    private final CommitHistory history;
    private final long watcherBytes;
    private long revision;
    private final Map<Outbox, Map<Object, Watcher>> watchers = new HashMap<>();

    /**
     * @param historyCommits most commits kept for watches that start in the past
     * @param historyBytes most bytes their encoding may take
     * @param watcherBytes most bytes a watcher's connection may have waiting before its watch ends
     */
    WatchHub(int historyCommits, long historyBytes, long watcherBytes, long revision) {
        this.history = new CommitHistory(historyCommits, historyBytes, revision);
        this.watcherBytes = watcherBytes;
        this.revision = revision;
    }

    /** The heap the history of commits for watches that start in the past takes, in bytes. */
    long historyBytes() {
        return history.heldBytes();
    }

    /** How many watches are open. */
    int size() {
        return watchers.values().stream().mapToInt(Map::size).sum();
    }

    @Override
    public void accept(List<Commit> group) {
        for (Commit commit : group) {
            history.add(commit);
            revision = commit.revision();
        }
        if (watchers.isEmpty()) {
            return;
        }
        for (Commit commit : group) {
            List<Encoded> changes = Encoded.of(commit);
            for (Map<Object, Watcher> open : watchers.values()) {
                for (Iterator<Watcher> each = open.values().iterator(); each.hasNext(); ) {
                    if (!deliver(each.next(), commit.revision(), changes)) {
                        each.remove();
                    }
                }
            }
        }
        watchers.entrySet().removeIf(WatchHub::endedLastWatch);
    }

    /** Starts a watch: answers the request, then sends what the history holds after {@code from}. */
    void watch(Request request, Outbox outbox) {
        Object id = request.id();
        Map<Object, Watcher> open = watchers.getOrDefault(outbox, Map.of());
        if (id == null) {
            outbox.append(Reply.error(revision, ErrorCode.BAD_REQUEST, "a watch needs an id: its events carry it"));
            return;
        }
        if (open.containsKey(id)) {
            outbox.append(Reply.error(revision, ErrorCode.BAD_REQUEST,
                    "a watch with id " + Json.write(id) + " is already open on this connection").withId(id));
            return;
        }
        long from = request.from() == null ? revision : request.from();
        if (from < history.droppedThrough()) {
            outbox.append(Reply.error(revision, ErrorCode.COMPACTED, "the history starts after revision " + history.droppedThrough()
                    + "; watch from " + history.droppedThrough() + " or later, after reading the current value").withId(id));
            return;
        }
        if (from > revision) {
            outbox.append(Reply.error(revision, ErrorCode.BAD_REQUEST, "revision " + from + " has not happened yet; the latest is "
                    + revision).withId(id));
            return;
        }
        outbox.append(Reply.ok(revision, null).withId(id));
        Watcher watcher = new Watcher(outbox, id, request.path(), request.prev(), from);
        if (!history.after(from, commit -> deliver(watcher, commit.revision(), Encoded.of(commit)))) {
            return;
        }
        watchers.computeIfAbsent(outbox, o -> new LinkedHashMap<>()).put(id, watcher);
        outbox.watching(true);
    }

    /** Ends a watch; its events stop before the reply. */
    void unwatch(Request request, Outbox outbox) {
        // A connection with no watch open has no map here at all (an immutable empty one would refuse the remove).
        Map<Object, Watcher> open = watchers.get(outbox);
        Watcher removed = open == null ? null : open.remove(request.watch());
        if (open != null && open.isEmpty()) {
            watchers.remove(outbox);
            outbox.watching(false);
        }
        outbox.append(removed == null
                ? Reply.error(revision, ErrorCode.NOT_FOUND, "no watch " + Json.write(request.watch()) + " is open on this connection").withId(request.id())
                : Reply.ok(revision, null).withId(request.id()));
    }

    /** Ends every watch of a connection that has gone. */
    void closed(Outbox outbox) {
        watchers.remove(outbox);
    }

    /** Whether a connection's watches have all ended; it then waits for nothing, and may be idle. */
    private static boolean endedLastWatch(Map.Entry<Outbox, Map<Object, Watcher>> connection) {
        if (connection.getValue().isEmpty()) {
            connection.getKey().watching(false);
            return true;
        }
        return false;
    }

    /** Sends the watcher its part of a commit, if any; false when the watch has ended. */
    private boolean deliver(Watcher watcher, long commitRevision, List<Encoded> changes) {
        if (watcher.outbox.isClosing()) {
            return false;
        }
        List<byte[]> mine = null;
        for (Encoded change : changes) {
            if (watcher.path.contains(change.change.path()) || change.change.path().contains(watcher.path)) {
                if (mine == null) {
                    mine = new ArrayList<>(changes.size());
                }
                mine.add(change.bytes(watcher.prev));
            }
        }
        if (mine == null) {
            return true;
        }
        if (watcher.outbox.pendingBytes() > watcherBytes) {
            watcher.outbox.append(Codec.encodeEventError(watcher.id, watcher.delivered, new Reply.Error(ErrorCode.TOO_SLOW,
                    "the watch fell more than " + watcherBytes + " bytes behind and was cancelled; watch again from revision "
                            + watcher.delivered)));
            return false;
        }
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        Codec.writeEventLine(line, watcher.id, commitRevision, mine);
        watcher.outbox.append(line.toByteArray());
        watcher.delivered = commitRevision;
        return true;
    }
}
