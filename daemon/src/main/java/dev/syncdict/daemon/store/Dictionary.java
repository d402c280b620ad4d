package dev.syncdict.daemon.store;

import dev.syncdict.protocol.ErrorCode;
import dev.syncdict.protocol.Json;
import dev.syncdict.protocol.Path;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shared dictionary: one JSON object, its revision, and the operations on it.
 *
 * <p>Threading rule: not thread-safe, by design. Exactly one thread, the {@code Sequencer}'s, calls
 * it; every operation therefore runs alone and is atomic without locks, as in Redis. Writes go
 * through a {@link Write}, which gives all of its changes the next revision and either commits them
 * together or undoes them all.
 */
public final class Dictionary {

    /**
     * Deepest a value may sit in the tree, counting path segments and the value's own nesting.
     * Every write checks it, so copying and encoding (which recurse) can never run out of stack.
     */
    public static final int MAX_DEPTH = 256;

    private final Node root = new Node(new TreeMap<String, Node>(), 0);
    private long revision;

    /** The value at a path and the revision of the last write at or below it. */
    public record Lookup(Object value, long modRev) {}

    /** One page of keys and whether more follow. */
    public record KeysPage(List<Object> keys, boolean more) {}

    /** The revision of the last committed write (0 for a new dictionary). */
    public long revision() {
        return revision;
    }

    /** The number of top-level keys. */
    public int size() {
        return root.object().size();
    }

    /** The value at a path, or a not_found error. */
    public Lookup get(Path path) {
        Node node = existing(path);
        return new Lookup(node.toJson(), node.modRev);
    }

    /** The revision of the last write at or below a path; 0 when nothing is there. */
    public long modRev(Path path) {
        Node node = find(path);
        return node == null ? 0 : node.modRev;
    }

    /** Whether the path holds a value equal (as JSON) to this one. */
    public boolean holds(Path path, Object json) {
        Node node = find(path);
        return node != null && Json.equal(node.toJson(), json);
    }

    public boolean exists(Path path) {
        return find(path) != null;
    }

    /**
     * Up to {@code limit} keys of the object at a path that start with {@code prefix} and sort after
     * {@code after} (if given); for an array, its first {@code limit} indexes.
     */
    public KeysPage keys(Path path, String prefix, String after, int limit) {
        Node node = existing(path);
        List<Object> keys = new ArrayList<>();
        if (node.isArray()) {
            for (int i = 0; i < Math.min(limit, node.array().size()); i++) {
                keys.add(BigDecimal.valueOf(i));
            }
            return new KeysPage(keys, node.array().size() > limit);
        }
        if (!node.isObject()) {
            throw new StoreException(ErrorCode.TYPE_MISMATCH,
                    describe(path) + " holds a " + node.typeName() + "; only objects and arrays have keys");
        }
        boolean startAfter = after != null && after.compareTo(prefix) >= 0;
        for (String key : startAfter ? node.object().tailMap(after, false).keySet() : node.object().tailMap(prefix, true).keySet()) {
            if (!key.startsWith(prefix)) {
                break;
            }
            if (keys.size() == limit) {
                return new KeysPage(keys, true);
            }
            keys.add(key);
        }
        return new KeysPage(keys, false);
    }

    /** Starts a write at the next revision. */
    public Write begin() {
        return new Write(revision + 1);
    }

    private Node existing(Path path) {
        Node node = find(path);
        if (node == null) {
            throw new StoreException(ErrorCode.NOT_FOUND, "no value at " + path);
        }
        return node;
    }

    /** The node at a path, or null; stepping into a value of the wrong type is a type_mismatch. */
    private Node find(Path path) {
        Node node = root;
        List<Path.Segment> segments = path.segments();
        for (int i = 0; i < segments.size() && node != null; i++) {
            node = child(node, segments.get(i), prefix(path, i));
        }
        return node;
    }

    private static Node child(Node node, Path.Segment segment, Path nodePath) {
        if (segment instanceof Path.Key) {
            return requireObject(node, nodePath).object().get(((Path.Key) segment).name());
        }
        List<Node> array = requireArray(node, nodePath).array();
        int index = normalize(((Path.Index) segment).position(), array.size());
        return index >= 0 && index < array.size() ? array.get(index) : null;
    }

    private static Node requireObject(Node node, Path nodePath) {
        if (!node.isObject()) {
            throw mismatch(node, nodePath, "an object");
        }
        return node;
    }

    private static Node requireArray(Node node, Path nodePath) {
        if (!node.isArray()) {
            throw mismatch(node, nodePath, "an array");
        }
        return node;
    }

    private static StoreException mismatch(Node node, Path nodePath, String wanted) {
        return new StoreException(ErrorCode.TYPE_MISMATCH,
                describe(nodePath) + " holds " + article(node.typeName()) + ", not " + wanted);
    }

    private static String article(String type) {
        return (type.startsWith("a") || type.startsWith("o") ? "an " : "a ") + type;
    }

    private static int normalize(int position, int size) {
        return position < 0 ? size + position : position;
    }

    private static Path prefix(Path path, int length) {
        return Path.of(path.segments().subList(0, length));
    }

    private static String describe(Path path) {
        return path.isRoot() ? "the dictionary" : path.toString();
    }

    /**
     * The changes of one write request or one tx, all at one revision. Every change is journaled,
     * so {@link #rollback()} restores the tree exactly; {@link #commit()} makes the revision current.
     */
    public final class Write {
        private final long rev;
        private final Journal journal = new Journal();

        private Write(long rev) {
            this.rev = rev;
        }

        /** The revision this write's changes take. */
        public long rev() {
            return rev;
        }

        /** Whether anything has been changed. */
        public boolean changed() {
            return !journal.isEmpty();
        }

        public void commit() {
            revision = rev;
        }

        public void rollback() {
            journal.rollback();
        }

        /** Stores a value at a path, creating missing objects on the way. */
        public void set(Path path, Object json) {
            checkDepth(path, json);
            if (path.isRoot()) {
                if (!(json instanceof Map)) {
                    throw new StoreException(ErrorCode.TYPE_MISMATCH,
                            "the dictionary is an object: . can only be set to an object, not " + article(Json.typeName(json)));
                }
                Object oldChildren = root.value;
                journal.record(() -> root.value = oldChildren);
                root.value = Node.of(json, rev).value;
                touch(root);
                return;
            }
            Node parent = containerCreating(path.parent());
            put(parent, path.last(), Node.of(json, rev), path);
        }

        /** Removes the value at a path. */
        public void delete(Path path) {
            if (path.isRoot()) {
                throw new StoreException(ErrorCode.BAD_REQUEST, "the dictionary itself cannot be deleted; load {} empties it");
            }
            Node parent = find(path.parent());
            if (parent == null) {
                throw new StoreException(ErrorCode.NOT_FOUND, "no value at " + path);
            }
            Path.Segment last = path.last();
            if (last instanceof Path.Key) {
                String key = ((Path.Key) last).name();
                Node old = requireObject(parent, path.parent()).object().remove(key);
                if (old == null) {
                    throw new StoreException(ErrorCode.NOT_FOUND, "no value at " + path);
                }
                journal.record(() -> parent.object().put(key, old));
            } else {
                List<Node> array = requireArray(parent, path.parent()).array();
                int index = normalize(((Path.Index) last).position(), array.size());
                if (index < 0 || index >= array.size()) {
                    throw new StoreException(ErrorCode.NOT_FOUND, "no value at " + path);
                }
                Node old = array.remove(index);
                journal.record(() -> array.add(index, old));
            }
            touchExisting(path.parent());
        }

        /** Adds an exact decimal to the number at a path (a missing path starts at 0); returns the sum. */
        public BigDecimal incr(Path path, BigDecimal by) {
            Node node = find(path);
            if (node == null) {
                set(path, by);
                return by;
            }
            if (!(node.value instanceof BigDecimal)) {
                throw mismatch(node, path, "a number");
            }
            BigDecimal old = (BigDecimal) node.value;
            BigDecimal sum = old.add(by);
            journal.record(() -> node.value = old);
            node.value = sum;
            touchExisting(path);
            return sum;
        }

        /** Replaces the value at a path, or with {@code merge} merges objects into it key by key, recursively. */
        public void load(Path path, Object json, boolean merge) {
            Node node = merge ? find(path) : null;
            if (node == null || !node.isObject() || !(json instanceof Map)) {
                set(path, json);
                return;
            }
            checkDepth(path, json);
            touchExisting(path);
            mergeInto(node, (Map<?, ?>) json, path);
        }

        private void checkDepth(Path path, Object json) {
            if (path.length() + Json.depth(json) > MAX_DEPTH) {
                throw new StoreException(ErrorCode.TOO_LARGE, "the value would nest " + (path.length() + Json.depth(json))
                        + " levels deep in the dictionary; the limit is " + MAX_DEPTH);
            }
        }

        private void mergeInto(Node node, Map<?, ?> json, Path nodePath) {
            for (Map.Entry<?, ?> entry : json.entrySet()) {
                String key = (String) entry.getKey();
                Node child = node.object().get(key);
                Path childPath = nodePath.resolve(Path.key(key));
                if (child != null && child.isObject() && entry.getValue() instanceof Map) {
                    touch(child);
                    mergeInto(child, (Map<?, ?>) entry.getValue(), childPath);
                } else {
                    put(node, new Path.Key(key), Node.of(entry.getValue(), rev), childPath);
                }
            }
        }

        /** Walks to the container at a path, creating missing objects and stamping each with this revision. */
        private Node containerCreating(Path path) {
            Node node = root;
            touch(node);
            List<Path.Segment> segments = path.segments();
            for (int i = 0; i < segments.size(); i++) {
                Path.Segment segment = segments.get(i);
                Node next = child(node, segment, prefix(path, i));
                if (next == null) {
                    if (segment instanceof Path.Index) {
                        throw new StoreException(ErrorCode.NOT_FOUND, "no value at " + prefix(path, i + 1)
                                + " (only objects are created on the way, not array elements)");
                    }
                    next = new Node(new TreeMap<String, Node>(), rev);
                    putKey(node, ((Path.Key) segment).name(), next);
                }
                touch(next);
                node = next;
            }
            return node;
        }

        private void put(Node parent, Path.Segment slot, Node value, Path path) {
            if (slot instanceof Path.Key) {
                putKey(requireObject(parent, path.parent()), ((Path.Key) slot).name(), value);
                return;
            }
            List<Node> array = requireArray(parent, path.parent()).array();
            int position = ((Path.Index) slot).position();
            int index = normalize(position, array.size());
            if (index >= 0 && index < array.size()) {
                Node old = array.set(index, value);
                journal.record(() -> array.set(index, old));
            } else if (position == array.size()) {
                array.add(value);
                journal.record(() -> array.remove(array.size() - 1));
            } else {
                throw new StoreException(ErrorCode.NOT_FOUND, path.parent() + " has " + array.size()
                        + " elements: set can replace one or append at [" + array.size() + "], not write " + path);
            }
        }

        private void putKey(Node parent, String key, Node value) {
            Node old = parent.object().put(key, value);
            journal.record(old == null ? () -> parent.object().remove(key) : () -> parent.object().put(key, old));
        }

        /** Stamps every node from the root to an existing path with this revision. */
        private void touchExisting(Path path) {
            Node node = root;
            touch(node);
            List<Path.Segment> segments = path.segments();
            for (int i = 0; i < segments.size(); i++) {
                node = child(node, segments.get(i), prefix(path, i));
                touch(node);
            }
        }

        private void touch(Node node) {
            long old = node.modRev;
            if (old != rev) {
                journal.record(() -> node.modRev = old);
                node.modRev = rev;
            }
        }
    }
}
