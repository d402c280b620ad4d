package dev.syncdict.daemon.store;

import dev.syncdict.protocol.ErrorCode;
import dev.syncdict.protocol.Json;
import dev.syncdict.protocol.JsonException;
import dev.syncdict.protocol.Limits;
import dev.syncdict.protocol.Path;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The shared dictionary in memory: one JSON object and its revision, the first {@link Tree}.
 *
 * <p>Threading rule: not thread-safe, by design. Exactly one thread, the owner's, calls it; every
 * operation therefore runs alone and is atomic without locks, as in Redis. Writes go through a
 * {@link Write}, which gives all of its changes the next revision, records each in the commit and
 * in an undo log, and either commits them together or undoes them all.
 */
public final class Dictionary implements Tree {

    private final Node root = Node.object(null, 0);
    /** What the tree takes on the heap ({@link Node#bytes()}), kept as each write builds and drops nodes. */
    private long bytes = root.bytes();
    /** Whether commits carry each change's old value (a copy per change: only when someone needs them). */
    private boolean keepOldValues;
    private long revision;

    /** A dictionary whose commits carry no old values. */
    public Dictionary() {
        this(false);
    }

    public Dictionary(boolean keepOldValues) {
        this.keepOldValues = keepOldValues;
    }

    /**
     * From now on, whether commits carry old values: recovery replays without them (nobody reads
     * the commits it makes), the daemon then keeps them for the watches that ask.
     */
    public void keepOldValues(boolean keep) {
        keepOldValues = keep;
    }

    /** A dictionary holding exactly a frozen tree (a snapshot's) at its revision. */
    public static Dictionary thaw(FrozenNode frozenRoot, long revision, boolean keepOldValues) {
        if (!frozenRoot.isObject()) {
            throw new IllegalArgumentException("the dictionary's root must be an object");
        }
        Dictionary dictionary = new Dictionary(keepOldValues);
        Node thawed = Node.thaw(null, frozenRoot);
        dictionary.root.value = thawed.value;
        dictionary.root.modRev = thawed.modRev;
        dictionary.revision = revision;
        dictionary.bytes = dictionary.root.bytes();
        return dictionary;
    }

    /**
     * An immutable copy of the whole tree with every node's mod_rev, made on the owner's thread so
     * that a snapshot can be written from it on another while writes go on.
     */
    public FrozenNode freeze() {
        return root.freeze();
    }

    @Override
    public long revision() {
        return revision;
    }

    @Override
    public int size() {
        return root.members().size();
    }

    /**
     * About what the dictionary's nodes, keys and values take on the heap, as each write leaves it
     * (uncommitted writes included; a rollback takes theirs back): what the memory cap reads.
     */
    public long bytes() {
        return bytes;
    }

    @Override
    public Lookup get(Path path) {
        Node node = existing(path);
        return new Lookup(node.toJson(), node.modRev);
    }

    @Override
    public long modRev(Path path) {
        Node node = find(path);
        return node == null ? 0 : node.modRev;
    }

    @Override
    public boolean holds(Path path, Object json) {
        Node node = find(path);
        return node != null && Json.equal(node.toJson(), json);
    }

    @Override
    public boolean exists(Path path) {
        return find(path) != null;
    }

    @Override
    public KeysPage keys(Path path, String prefix, String after, int limit) {
        Node node = existing(path);
        List<Object> keys = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        if (node.isArray()) {
            for (int i = 0; i < Math.min(limit, node.array().size()); i++) {
                keys.add(BigDecimal.valueOf(i));
                kinds.add(node.array().get(i).typeName());
            }
            return new KeysPage(keys, kinds, node.array().size() > limit);
        }
        if (!node.isObject()) {
            throw new StoreException(ErrorCode.TYPE_MISMATCH,
                    describe(path) + " holds a " + node.typeName() + "; only objects and arrays have keys");
        }
        boolean startAfter = after != null && after.compareTo(prefix) >= 0;
        Iterator<Node> members = startAfter ? node.members().from(after, false) : node.members().from(prefix, true);
        while (members.hasNext()) {
            Node member = members.next();
            String key = member.name();
            if (!key.startsWith(prefix)) {
                break;
            }
            if (keys.size() == limit) {
                return new KeysPage(keys, kinds, true);
            }
            keys.add(key);
            kinds.add(member.typeName());
        }
        return new KeysPage(keys, kinds, false);
    }

    @Override
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
        for (int i = 0; i < path.length() && node != null; i++) {
            node = child(node, path, i);
        }
        return node;
    }

    /**
     * The child that segment {@code depth} of a path names in {@code node}, the node at the
     * segments before it. The path to {@code node} is made only for a type_mismatch's message.
     */
    private static Node child(Node node, Path path, int depth) {
        Path.Segment segment = path.segments().get(depth);
        if (segment instanceof Path.Key) {
            return requireObject(node, path, depth).members().get(((Path.Key) segment).name());
        }
        List<Node> array = requireArray(node, path, depth).array();
        int index = normalize(((Path.Index) segment).position(), array.size());
        return index >= 0 && index < array.size() ? array.get(index) : null;
    }

    /** {@code node}, the node at the first {@code depth} segments of a path, when it is an object. */
    private static Node requireObject(Node node, Path path, int depth) {
        if (!node.isObject()) {
            throw mismatch(node, prefix(path, depth), "an object");
        }
        return node;
    }

    /** {@code node}, the node at the first {@code depth} segments of a path, when it is an array. */
    private static Node requireArray(Node node, Path path, int depth) {
        if (!node.isArray()) {
            throw mismatch(node, prefix(path, depth), "an array");
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
     * The changes of one write request or one tx, all at one revision. Every change but the root's
     * stamp is in the undo log (the stamp from before is a field of the write), so
     * {@link #rollback()} restores the tree exactly, and in the commit record that {@link #commit()}
     * returns as it makes the revision current.
     */
    public final class Write implements Tree.Transaction {
        private final long rev;
        private final long bytesBefore = bytes;
        /** Every write stamps the root: its stamp from before goes back on a rollback, with no undo record of its own. */
        private final long rootModRevBefore = root.modRev;
        private final UndoLog undo = new UndoLog();
        /** Most writes make one change; a tx or a load grows it. */
        private final List<Change> changes = new ArrayList<>(1);

        private Write(long rev) {
            this.rev = rev;
        }

        @Override
        public long rev() {
            return rev;
        }

        /** Every write that changes anything records an undo besides the root's stamp, which is not in the log. */
        @Override
        public boolean changed() {
            return !undo.isEmpty();
        }

        @Override
        public Commit commit() {
            revision = rev;
            return new Commit(rev, List.copyOf(changes));
        }

        /** Also after {@link #commit()}: the revision goes back too, so a group the log refused leaves no trace. */
        @Override
        public void rollback() {
            undo.rollback();
            changes.clear();
            root.modRev = rootModRevBefore;
            revision = rev - 1;
            bytes = bytesBefore;
        }

        @Override
        public void set(Path path, Object json) {
            store(path, json, Change.Kind.SET);
        }

        private void store(Path path, Object json, Change.Kind kind) {
            checkDepth(path, json);
            if (path.isRoot()) {
                if (!(json instanceof Map)) {
                    throw new StoreException(ErrorCode.TYPE_MISMATCH,
                            "the dictionary is an object: . can only be set to an object, not " + article(Json.typeName(json)));
                }
                Object oldChildren = root.value;
                changes.add(new Change(kind, path, json, old(root)));
                undo.record(() -> root.value = oldChildren);
                root.value = Node.of(null, json, rev).value;
                // The whole tree is new: its count is the new tree's (the undo restores the old count).
                bytes = root.bytes();
                touch(root);
                return;
            }
            Node parent = containerCreating(path);
            put(parent, path.last(), json, path, kind);
        }

        @Override
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
                Members members = requireObject(parent, path, path.length() - 1).members();
                Node old = members.remove(key);
                if (old == null) {
                    throw new StoreException(ErrorCode.NOT_FOUND, "no value at " + path);
                }
                undo.record(() -> members.add(old));
                bytes -= old.bytes();
                changes.add(new Change(Change.Kind.DELETE, path, null, old(old)));
            } else {
                List<Node> array = requireArray(parent, path, path.length() - 1).array();
                int index = normalize(((Path.Index) last).position(), array.size());
                if (index < 0 || index >= array.size()) {
                    throw new StoreException(ErrorCode.NOT_FOUND, "no value at " + path);
                }
                Node old = array.remove(index);
                undo.record(() -> array.add(index, old));
                bytes -= old.bytes();
                changes.add(new Change(Change.Kind.DELETE, path, null, old(old)));
            }
            touchExisting(path.parent());
        }

        @Override
        public BigDecimal incr(Path path, BigDecimal by) {
            Node node = find(path);
            if (node == null) {
                store(path, by, Change.Kind.INCR);
                return by;
            }
            BigDecimal old = node.number();
            if (old == null) {
                throw mismatch(node, path, "a number");
            }
            BigDecimal sum = withinLimits(old.add(by));
            // A whole number held in place changes under the undo's feet: it restores the number too.
            Object held = node.value;
            undo.record(() -> {
                node.value = held;
                node.holdNumber(old);
            });
            changes.add(new Change(Change.Kind.INCR, path, sum, keepOldValues ? old : null));
            long before = Footprint.scalar(node.value);
            node.holdNumber(sum);
            bytes += Footprint.scalar(node.value) - before;
            touchExisting(path);
            return sum;
        }

        @Override
        public void load(Path path, Object json, boolean merge) {
            Node node = merge ? find(path) : null;
            if (node == null || !node.isObject() || !(json instanceof Map)) {
                store(path, json, Change.Kind.LOAD);
                return;
            }
            checkDepth(path, json);
            mergeInto(node, (Map<?, ?>) json, path);
        }

        /** Every write checks the depth, so copying and encoding (which recurse) never run out of stack. */
        private void checkDepth(Path path, Object json) {
            if (path.length() + Json.depth(json) > Limits.DEPTH) {
                throw new StoreException(ErrorCode.TOO_DEEP, "the value would nest " + (path.length() + Json.depth(json))
                        + " levels deep in the dictionary; the limit is " + Limits.DEPTH);
            }
        }

        /** A sum every client can read back: within the digits and exponent every parser accepts. */
        private BigDecimal withinLimits(BigDecimal sum) {
            try {
                return Json.checkedNumber(sum);
            } catch (JsonException e) {
                throw new StoreException(e.code(), "the sum would be a " + e.getMessage());
            }
        }

        private Object old(Node node) {
            return keepOldValues && node != null ? node.toJson() : null;
        }

        private void mergeInto(Node node, Map<?, ?> json, Path nodePath) {
            for (Map.Entry<?, ?> entry : json.entrySet()) {
                String key = (String) entry.getKey();
                Node child = node.members().get(key);
                Path childPath = nodePath.resolve(Path.key(key));
                if (child != null && child.isObject() && entry.getValue() instanceof Map) {
                    mergeInto(child, (Map<?, ?>) entry.getValue(), childPath);
                } else {
                    // Only the way to a key actually written is stamped, exactly as a set of that
                    // key would stamp it: so the commit record replays to the same mod_revs.
                    touchExisting(nodePath);
                    put(node, new Path.Key(key), entry.getValue(), childPath, Change.Kind.LOAD);
                }
            }
        }

        /**
         * Walks to the container that will hold a write's last segment, creating missing objects
         * and stamping each with this revision. Only objects are created: a missing container that
         * an index would step into is not_found, never an object that then mismatches.
         */
        private Node containerCreating(Path writePath) {
            Node node = root;
            touch(node);
            List<Path.Segment> segments = writePath.segments();
            for (int i = 0; i < segments.size() - 1; i++) {
                Path.Segment segment = segments.get(i);
                Node next = child(node, writePath, i);
                if (next == null) {
                    if (segment instanceof Path.Index || segments.get(i + 1) instanceof Path.Index) {
                        throw new StoreException(ErrorCode.NOT_FOUND, "no value at " + prefix(writePath, i + 1)
                                + " (only objects are created on the way, not arrays or their elements)");
                    }
                    String key = ((Path.Key) segment).name();
                    next = Node.object(key, rev);
                    addMember(node.members(), key, next);
                }
                touch(next);
                node = next;
            }
            return node;
        }

        /**
         * Stores a copy of a JSON value in a slot of its parent and records the change. A member
         * already there keeps its node and takes the new value, so that replacing a value never
         * touches the object's key order.
         */
        private void put(Node parent, Path.Segment slot, Object json, Path path, Change.Kind kind) {
            if (slot instanceof Path.Key) {
                String key = ((Path.Key) slot).name();
                Members members = requireObject(parent, path, path.length() - 1).members();
                Node existing = members.get(key);
                changes.add(new Change(kind, path, json, old(existing)));
                if (existing == null) {
                    addMember(members, key, Node.of(key, json, rev));
                } else {
                    replaceValue(existing, json);
                }
                return;
            }
            Node value = Node.of(null, json, rev);
            List<Node> array = requireArray(parent, path, path.length() - 1).array();
            int position = ((Path.Index) slot).position();
            int index = normalize(position, array.size());
            Node old;
            if (index >= 0 && index < array.size()) {
                old = array.set(index, value);
                undo.record(() -> array.set(index, old));
                bytes += value.bytes() - old.bytes();
            } else if (position == array.size()) {
                old = null;
                array.add(value);
                undo.record(() -> array.remove(array.size() - 1));
                bytes += value.bytes();
            } else {
                throw new StoreException(ErrorCode.NOT_FOUND, path.parent() + " has " + array.size()
                        + " elements: set can replace one or append at [" + array.size() + "], not write " + path);
            }
            changes.add(new Change(kind, path, json, old(old)));
        }

        private void addMember(Members members, String key, Node member) {
            members.add(member);
            undo.record(() -> members.remove(key));
            bytes += member.bytes();
        }

        /** The node keeps its place in its parent; its key's array goes back too, since a string may share it. */
        private void replaceValue(Node node, Object json) {
            long oldModRev = node.modRev;
            byte[] replaced = node.overwriteText(json);
            if (replaced != null) {
                node.modRev = rev;
                undo.record(() -> {
                    node.restoreText(replaced);
                    node.modRev = oldModRev;
                });
                return;
            }
            Object oldKey = node.key;
            Object oldValue = node.value;
            undo.record(() -> {
                node.key = oldKey;
                node.value = oldValue;
                node.modRev = oldModRev;
            });
            long before = node.bytes();
            node.hold(json, rev);
            bytes += node.bytes() - before;
        }

        /** Stamps every node from the root to an existing path with this revision. */
        private void touchExisting(Path path) {
            Node node = root;
            touch(node);
            for (int i = 0; i < path.length(); i++) {
                node = child(node, path, i);
                touch(node);
            }
        }

        private void touch(Node node) {
            long old = node.modRev;
            if (old != rev) {
                if (node != root) {
                    undo.record(() -> node.modRev = old);
                }
                node.modRev = rev;
            }
        }
    }
}
