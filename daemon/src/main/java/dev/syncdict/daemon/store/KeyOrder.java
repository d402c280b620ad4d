package dev.syncdict.daemon.store;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An object's members sorted by key, for listing keys by prefix or from a key on: a sorted run of
 * chunks, each a sorted array of at most {@link #CHUNK} nodes, each array at most {@link #STEP}
 * slots longer than it needs. A node costs 4 to 5 bytes here (a tree map costs 40), finding a key costs a binary search over the chunks' first keys and one
 * within a chunk, and inserting moves at most a chunk's references. Only inserts, deletes and
 * listings use it, and point lookups in objects too small for a {@link KeyHash}.
 */
final class KeyOrder implements Iterable<Node> {

    static final int CHUNK = 128;
    /**
     * A chunk's array grows by this many slots once it has as many (by doubling before, so that
     * small objects stay small): a chunk is half full after a split, and a doubled array would
     * leave it a quarter full. A chunk grows by a copy at most once in this many inserts.
     */
    private static final int STEP = 16;

    private Node[][] chunks = {new Node[4]};
    private int[] counts = new int[1];
    private int chunkCount = 1;

    /** The member with this key, or null. */
    Node get(String key) {
        int chunk = chunkFor(key);
        int index = search(chunk, key);
        return index >= 0 ? chunks[chunk][index] : null;
    }

    /** Inserts a member whose key is not present yet. */
    void insert(Node node) {
        String key = node.name();
        int chunk = chunkFor(key);
        int index = -search(chunk, key) - 1;
        if (counts[chunk] == CHUNK) {
            // Keys that come in order (a snapshot thawed, an ascending load) leave full chunks behind.
            int at = index == CHUNK && chunk == chunkCount - 1 ? CHUNK : CHUNK / 2;
            split(chunk, at);
            if (index > at || index == CHUNK) {
                chunk++;
                index -= at;
            }
        }
        Node[] nodes = chunks[chunk];
        if (counts[chunk] == nodes.length) {
            nodes = chunks[chunk] = Arrays.copyOf(nodes, Math.min(CHUNK, nodes.length < STEP ? nodes.length * 2 : nodes.length + STEP));
        }
        System.arraycopy(nodes, index, nodes, index + 1, counts[chunk] - index);
        nodes[index] = node;
        counts[chunk]++;
    }

    /** Removes and returns the member with this key, or null when there is none; a chunk left empty goes (unless it is the last). */
    Node remove(String key) {
        int chunk = chunkFor(key);
        int index = search(chunk, key);
        if (index < 0) {
            return null;
        }
        Node[] nodes = chunks[chunk];
        Node removed = nodes[index];
        int count = --counts[chunk];
        System.arraycopy(nodes, index + 1, nodes, index, count - index);
        nodes[count] = null;
        if (count == 0 && chunkCount > 1) {
            System.arraycopy(chunks, chunk + 1, chunks, chunk, chunkCount - chunk - 1);
            System.arraycopy(counts, chunk + 1, counts, chunk, chunkCount - chunk - 1);
            chunks[--chunkCount] = null;
        }
        return removed;
    }

    /** The members in key order. */
    @Override
    public Iterator<Node> iterator() {
        return new Cursor(0, 0);
    }

    /** The members in key order from the first whose key is at least (or, not inclusive, after) this one. */
    Iterator<Node> from(String key, boolean inclusive) {
        int chunk = chunkFor(key);
        int index = search(chunk, key);
        return new Cursor(chunk, index >= 0 ? (inclusive ? index : index + 1) : -index - 1);
    }

    /** The chunk that holds the key or would: the last whose first key is not after it (the first chunk if none). */
    private int chunkFor(String key) {
        int low = 1;
        int high = chunkCount - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (chunks[middle][0].compareKey(key) <= 0) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return low - 1;
    }

    /** The key's index in a chunk, or {@code -(insertion point) - 1}, as {@link Arrays#binarySearch}. */
    private int search(int chunk, String key) {
        Node[] nodes = chunks[chunk];
        int low = 0;
        int high = counts[chunk] - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order = nodes[middle].compareKey(key);
            if (order < 0) {
                low = middle + 1;
            } else if (order > 0) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -low - 1;
    }

    /** Splits a full chunk: the nodes from {@code at} on move to a new chunk after it. */
    private void split(int chunk, int at) {
        if (chunkCount == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunkCount * 2);
            counts = Arrays.copyOf(counts, chunkCount * 2);
        }
        System.arraycopy(chunks, chunk + 1, chunks, chunk + 2, chunkCount - chunk - 1);
        System.arraycopy(counts, chunk + 1, counts, chunk + 2, chunkCount - chunk - 1);
        chunkCount++;
        Node[] full = chunks[chunk];
        Node[] upper = new Node[Math.min(CHUNK, CHUNK - at + STEP)];
        System.arraycopy(full, at, upper, 0, CHUNK - at);
        chunks[chunk + 1] = upper;
        if (at < CHUNK) {
            Node[] lower = new Node[at + STEP];
            System.arraycopy(full, 0, lower, 0, at);
            chunks[chunk] = lower;
        }
        counts[chunk] = at;
        counts[chunk + 1] = CHUNK - at;
    }

    /** Walks the chunks from a position; the object must not change while it walks. */
    private final class Cursor implements Iterator<Node> {
        private int chunk;
        private int index;

        Cursor(int chunk, int index) {
            this.chunk = chunk;
            this.index = index;
            settle();
        }

        @Override
        public boolean hasNext() {
            return chunk < chunkCount;
        }

        @Override
        public Node next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Node node = chunks[chunk][index++];
            settle();
            return node;
        }

        /** Moves past the end of a chunk to the next non-empty one. */
        private void settle() {
            while (chunk < chunkCount && index >= counts[chunk]) {
                chunk++;
                index = 0;
            }
        }
    }
}
