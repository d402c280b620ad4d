package dev.syncdict.daemon.store;

import dev.syncdict.protocol.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One value in the dictionary with the revision of the last write at or below it, and, as a member
 * of an object, its key: one small object per value, the key and a string value packed by
 * {@link CompactText}, and both in one array when both pack (a member holding a short string is
 * then two objects, not three), which is what lets a million keys fit in about eighty bytes each.
 * Only the {@link Dictionary}'s thread touches nodes.
 */
final class Node {

    /**
     * The key in the parent object, packed; when the value is a {@link StringAfterKey}, one array of
     * the key's bytes followed by the string's. Null for the root and array elements.
     */
    Object key;
    /** The key's {@code String.hashCode()}, for the parent's {@link KeyHash}. */
    final int hash;
    /** {@link Members}, an {@code ArrayList<Node>}, a JSON scalar (a string packed) or a {@link StringAfterKey}. */
    Object value;
    long modRev;

    private Node(String key, long modRev) {
        this.key = key == null ? null : CompactText.pack(key);
        this.hash = key == null ? 0 : key.hashCode();
        this.modRev = modRev;
    }

    /** An empty object. */
    static Node object(String key, long rev) {
        Node node = new Node(key, rev);
        node.value = new Members();
        return node;
    }

    /** A tree of nodes holding a copy of a plain JSON value under a key (null in an array), every node at this revision. */
    static Node of(String key, Object json, long rev) {
        Node node = new Node(key, rev);
        node.hold(json, rev);
        return node;
    }

    /** Makes this node, its key kept, hold a copy of a plain JSON value, every node at this revision. */
    void hold(Object json, long rev) {
        modRev = rev;
        if (json instanceof Map) {
            Members members = new Members();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) json).entrySet()) {
                members.add(of((String) entry.getKey(), entry.getValue(), rev));
            }
            setValue(members);
        } else if (json instanceof List) {
            List<?> elements = (List<?>) json;
            ArrayList<Node> children = new ArrayList<>(elements.size());
            for (Object element : elements) {
                children.add(of(null, element, rev));
            }
            setValue(children);
        } else {
            setValue(json);
        }
    }

    /** A tree of nodes equal to a frozen one, mod_revs included. */
    static Node thaw(String key, FrozenNode frozen) {
        Node node = new Node(key, frozen.modRev());
        if (frozen.isObject()) {
            Members members = new Members();
            for (Map.Entry<String, FrozenNode> entry : frozen.object().entrySet()) {
                members.add(thaw(entry.getKey(), entry.getValue()));
            }
            node.setValue(members);
        } else if (frozen.isArray()) {
            ArrayList<Node> elements = new ArrayList<>(frozen.array().size());
            for (FrozenNode element : frozen.array()) {
                elements.add(thaw(null, element));
            }
            node.setValue(elements);
        } else {
            node.setValue(frozen.value());
        }
        return node;
    }

    /**
     * Sets a scalar, or a container already built, as the value. A string that packs goes after
     * the key's bytes when the key packs too; a string that no longer does leaves the key alone.
     */
    private void setValue(Object newValue) {
        int keyLength = key instanceof byte[] ? keyLength() : -1;
        if (newValue instanceof String && keyLength >= 0 && keyLength < StringAfterKey.SHARED.length
                && CompactText.fitsBytes((String) newValue)) {
            String text = (String) newValue;
            byte[] both = Arrays.copyOf((byte[]) key, keyLength + text.length());
            writeText(text, both, keyLength);
            key = both;
            value = StringAfterKey.SHARED[keyLength];
            return;
        }
        if (value instanceof StringAfterKey) {
            key = Arrays.copyOf((byte[]) key, keyLength);
        }
        value = newValue instanceof String ? CompactText.pack((String) newValue)
                : WholeNumber.fits(newValue) ? new WholeNumber(((BigDecimal) newValue).longValue()) : newValue;
    }

    /**
     * Writes a one-byte string over the one this node holds when both are as long, in the array
     * that holds it: a set of a value as long as the last one (a status, a fixed-width stamp) then
     * leaves nothing behind for the collector to copy. Returns the bytes it replaced, for an undo,
     * or null when it cannot.
     */
    byte[] overwriteText(Object json) {
        if (!(json instanceof String) || !CompactText.fitsBytes((String) json)) {
            return null;
        }
        String text = (String) json;
        int start = textStart();
        if (start < 0) {
            return null;
        }
        byte[] array = textArray();
        if (array.length - start != text.length()) {
            return null;
        }
        byte[] replaced = Arrays.copyOfRange(array, start, array.length);
        writeText(text, array, start);
        return replaced;
    }

    /** Writes a string whose chars all fit a byte into an array, from {@code at}. */
    private static void writeText(String text, byte[] array, int at) {
        for (int i = 0; i < text.length(); i++) {
            array[at + i] = (byte) text.charAt(i);
        }
    }

    /** Puts back the bytes {@link #overwriteText} replaced. */
    void restoreText(byte[] replaced) {
        System.arraycopy(replaced, 0, textArray(), textStart(), replaced.length);
    }

    /** The array a one-byte string is kept in: its own, or its key's. */
    private byte[] textArray() {
        return (byte[]) (value instanceof StringAfterKey ? key : value);
    }

    /** Where the string starts in {@link #textArray()}; -1 when this node holds no one-byte string. */
    private int textStart() {
        return value instanceof StringAfterKey ? ((StringAfterKey) value).keyLength : value instanceof byte[] ? 0 : -1;
    }

    /** The number this scalar holds, or null when it holds no number. */
    BigDecimal number() {
        return value instanceof WholeNumber ? BigDecimal.valueOf(((WholeNumber) value).value)
                : value instanceof BigDecimal ? (BigDecimal) value : null;
    }

    /**
     * Makes a number node hold another number: a whole number it already holds as one changes in
     * place, so that an incr leaves nothing behind for the collector to copy (docs/BENCHMARKS.md).
     */
    void holdNumber(BigDecimal number) {
        if (value instanceof WholeNumber && WholeNumber.fits(number)) {
            ((WholeNumber) value).value = number.longValue();
        } else {
            setValue(number);
        }
    }

    /** The length of a packed key, which may be followed by a string value in its array. */
    private int keyLength() {
        return value instanceof StringAfterKey ? ((StringAfterKey) value).keyLength : ((byte[]) key).length;
    }

    /** Whether the key is exactly this string, without unpacking it. */
    boolean keyEquals(String text) {
        return key instanceof byte[] ? CompactText.equals((byte[]) key, keyLength(), text) : key.equals(text);
    }

    /** {@code name().compareTo(text)}, without unpacking the key. */
    int compareKey(String text) {
        return key instanceof byte[] ? CompactText.compare((byte[]) key, keyLength(), text) : ((String) key).compareTo(text);
    }

    /** The heap this node and everything under it take, its share of its parent's index included (see {@link Footprint}). */
    long bytes() {
        long total = Footprint.NODE + (key == null ? Footprint.ELEMENT : Footprint.MEMBER) + Footprint.text(key);
        if (isObject()) {
            total += Footprint.OBJECT;
            for (Node member : members()) {
                total += member.bytes();
            }
        } else if (isArray()) {
            total += Footprint.ARRAY;
            for (Node element : array()) {
                total += element.bytes();
            }
        } else {
            total += Footprint.scalar(value);
        }
        return total;
    }

    /** The key, unpacked. */
    String name() {
        return key instanceof byte[] ? CompactText.unpack((byte[]) key, 0, keyLength()) : (String) key;
    }

    /** An immutable copy of this subtree with its mod_revs. */
    FrozenNode freeze() {
        if (isObject()) {
            TreeMap<String, FrozenNode> children = new TreeMap<>();
            for (Node member : members()) {
                children.put(member.name(), member.freeze());
            }
            return new FrozenNode(Collections.unmodifiableSortedMap(children), modRev);
        }
        if (isArray()) {
            List<FrozenNode> elements = new ArrayList<>(array().size());
            for (Node element : array()) {
                elements.add(element.freeze());
            }
            return new FrozenNode(Collections.unmodifiableList(elements), modRev);
        }
        return new FrozenNode(scalar(), modRev);
    }

    /** A plain JSON copy of this subtree, safe to hand to another thread. */
    Object toJson() {
        if (isObject()) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Node member : members()) {
                copy.put(member.name(), member.toJson());
            }
            return copy;
        }
        if (isArray()) {
            List<Object> copy = new ArrayList<>(array().size());
            for (Node element : array()) {
                copy.add(element.toJson());
            }
            return copy;
        }
        return scalar();
    }

    boolean isObject() {
        return value instanceof Members;
    }

    boolean isArray() {
        return value instanceof ArrayList;
    }

    Members members() {
        return (Members) value;
    }

    @SuppressWarnings("unchecked")
    ArrayList<Node> array() {
        return (ArrayList<Node>) value;
    }

    /** A scalar's plain JSON value. */
    private Object scalar() {
        if (value instanceof StringAfterKey) {
            byte[] both = (byte[]) key;
            int keyLength = keyLength();
            return CompactText.unpack(both, keyLength, both.length - keyLength);
        }
        if (value instanceof WholeNumber) {
            return BigDecimal.valueOf(((WholeNumber) value).value);
        }
        return value instanceof byte[] ? CompactText.unpack(value) : value;
    }

    String typeName() {
        return isObject() ? "object" : isArray() ? "array" : value instanceof StringAfterKey || value instanceof byte[] ? "string"
                : value instanceof WholeNumber ? "number" : Json.typeName(value);
    }

    /**
     * A whole number of at most 18 digits, kept as a long that an incr changes in place. A
     * {@code BigDecimal} is immutable, so every incr made a new one that lived until its key's
     * next write: over many keys the young collections copied and promoted nearly every one.
     */
    static final class WholeNumber {
        long value;

        WholeNumber(long value) {
            this.value = value;
        }

        /** Whether a JSON value is a number this can hold exactly: no fraction or exponent, at most 18 digits. */
        static boolean fits(Object json) {
            return json instanceof BigDecimal && ((BigDecimal) json).scale() == 0 && ((BigDecimal) json).precision() <= 18;
        }
    }

    /**
     * The value of a member holding a string kept in its key's array, after the key's bytes: says
     * where the key ends. One shared instance per key length, so it costs a node nothing; longer
     * keys keep their string apart.
     */
    static final class StringAfterKey {
        static final StringAfterKey[] SHARED = new StringAfterKey[256];

        static {
            for (int length = 0; length < SHARED.length; length++) {
                SHARED[length] = new StringAfterKey(length);
            }
        }

        final int keyLength;

        private StringAfterKey(int keyLength) {
            this.keyLength = keyLength;
        }
    }
}
