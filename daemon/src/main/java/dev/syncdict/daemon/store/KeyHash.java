package dev.syncdict.daemon.store;

/**
 * The point-lookup index of an object's members: open addressing with linear probing over one
 * array of nodes, each node carrying its key and the key's hash. A lookup costs a probe or two
 * however many members there are (a sorted structure costs log n key comparisons, each a likely
 * cache miss on a large object), and the index costs 5 to 8 bytes a member: it is kept between
 * half and three quarters full, growing by half, so its length is no power of two and a hash's
 * home slot is its mixed bits scaled to the length.
 */
final class KeyHash {

    private static final int MIN_CAPACITY = 16;

    private Node[] slots;
    private int size;

    KeyHash(int expected) {
        int capacity = MIN_CAPACITY;
        while (capacity < expected * 2) {
            capacity = grown(capacity);
        }
        slots = new Node[capacity];
    }

    /** The member with this key, or null. */
    Node get(String key) {
        int hash = key.hashCode();
        for (int i = home(hash); ; i = next(i)) {
            Node node = slots[i];
            if (node == null || node.hash == hash && node.keyEquals(key)) {
                return node;
            }
        }
    }

    /** Indexes a member whose key is not indexed yet. */
    void add(Node node) {
        if (++size > slots.length / 4 * 3) {
            Node[] old = slots;
            slots = new Node[grown(old.length)];
            for (Node moved : old) {
                if (moved != null) {
                    place(moved);
                }
            }
        }
        place(node);
    }

    /** Unindexes a member, moving back the ones probed past it so that no lookup stops short. */
    void remove(Node node) {
        int hole = home(node.hash);
        while (slots[hole] != node) {
            hole = next(hole);
        }
        for (int i = next(hole); slots[i] != null; i = next(i)) {
            int home = home(slots[i].hash);
            // The node at i may fill the hole unless its home lies cyclically after the hole, up to i.
            boolean homeAfterHole = hole <= i ? hole < home && home <= i : hole < home || home <= i;
            if (!homeAfterHole) {
                slots[hole] = slots[i];
                hole = i;
            }
        }
        slots[hole] = null;
        size--;
    }

    private void place(Node node) {
        int i = home(node.hash);
        while (slots[i] != null) {
            i = next(i);
        }
        slots[i] = node;
    }

    private static int grown(int capacity) {
        return capacity + capacity / 2;
    }

    private int next(int slot) {
        return slot + 1 == slots.length ? 0 : slot + 1;
    }

    /**
     * Fibonacci hashing spreads keys that differ only in their last chars (key:1, key:2) over all
     * 32 bits; the product of those bits and the length, shifted down, is a slot below the length.
     */
    private int home(int hash) {
        return (int) (((hash * 0x9E3779B9) & 0xFFFFFFFFL) * slots.length >>> 32);
    }
}
