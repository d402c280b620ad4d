package dev.syncdict.daemon.store;

import java.util.Iterator;

/**
 * The members of one JSON object in the store: each a {@link Node} carrying its key, kept in key
 * order ({@link KeyOrder}) and, once there are more than a few, in a hash index for lookups
 * ({@link KeyHash}), so that a single-key operation costs the same on a thousand keys as on ten
 * million while the small objects of a nested document pay for no table.
 */
final class Members implements Iterable<Node> {

    /** Up to this many members a binary search of the one sorted chunk is as quick as a hash. */
    private static final int WITHOUT_HASH = 8;

    private final KeyOrder order = new KeyOrder();
    private KeyHash hash;
    private int size;

    int size() {
        return size;
    }

    /** The member with this key, or null. */
    Node get(String key) {
        return hash != null ? hash.get(key) : order.get(key);
    }

    /** Adds a node under its own key, which no member has. */
    void add(Node node) {
        order.insert(node);
        size++;
        if (hash != null) {
            hash.add(node);
        } else if (size > WITHOUT_HASH) {
            hash = new KeyHash(size);
            for (Node member : order) {
                hash.add(member);
            }
        }
    }

    /** Removes and returns the member with this key, or returns null when there is none. */
    Node remove(String key) {
        Node node = order.remove(key);
        if (node != null) {
            if (hash != null) {
                hash.remove(node);
            }
            size--;
        }
        return node;
    }

    /** The members in key order. */
    @Override
    public Iterator<Node> iterator() {
        return order.iterator();
    }

    /** The members in key order from the first whose key is at least (or, not inclusive, after) this one. */
    Iterator<Node> from(String key, boolean inclusive) {
        return order.from(key, inclusive);
    }
}
