package dev.syncdict.daemon.store;

/**
 * The point-lookup index of an object's members: open addressing with linear probing over one
 * array of nodes, each node carrying its key and the key's hash. A lookup costs a probe or two
 * however many members there are (a sorted structure costs log n key comparisons, each a likely
 * cache miss on a large object), and the index costs 4 to 11 bytes a member.
 */
final class KeyHash {

    private static final int MIN_CAPACITY = 16;

    private Node[] slots;
    /** 32 minus log2 of the capacity: a hash's top bits after mixing are its home slot. */
    private int shift;
    private int size;

    KeyHash(int expected) {
        int capacity = MIN_CAPACITY;
        while (capacity < expected * 2) {
            capacity <<= 1;
        }
        allocate(capacity);
    }

    /** The member with this key, or null. */
    Node get(String key) {
        int hash = key.hashCode();
        int mask = slots.length - 1;
        for (int i = home(hash); ; i = (i + 1) & mask) {
            Node node = slots[i];
            if (node == null || node.hash == hash && node.keyEquals(key)) {
                return node;
            }
        }
    }

    /** Indexes a member whose key is not indexed yet. */
    void add(Node node) {
        if (++size > slots.length * 3 / 4) {
            Node[] old = slots;
            allocate(old.length * 2);
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
        int mask = slots.length - 1;
        int hole = home(node.hash);
        while (slots[hole] != node) {
            hole = (hole + 1) & mask;
        }
        for (int i = (hole + 1) & mask; slots[i] != null; i = (i + 1) & mask) {
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
        int mask = slots.length - 1;
        int i = home(node.hash);
        while (slots[i] != null) {
            i = (i + 1) & mask;
        }
        slots[i] = node;
    }

    private void allocate(int capacity) {
        slots = new Node[capacity];
        shift = Integer.numberOfLeadingZeros(capacity) + 1;
    }

    /** Fibonacci hashing: spreads keys that differ only in their last chars (key:1, key:2) over the table. */
    private int home(int hash) {
        return (hash * 0x9E3779B9) >>> shift;
    }
}
