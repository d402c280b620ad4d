package dev.syncdict.daemon.store;

import dev.syncdict.protocol.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One value in the dictionary with the revision of the last write at or below it, and, as a member
 * of an object, its key: one small object per value, the key and the value packed by
 * {@link CompactText}, which is what lets a million keys fit in about a hundred bytes each. Only
 * the {@link Dictionary}'s thread touches nodes.
 */
final class Node {

    /** The key in the parent object, packed; null for the root and array elements. */
    final Object key;
    /** The key's {@code String.hashCode()}, for the parent's {@link KeyHash}. */
    final int hash;
    /** {@link Members}, an {@code ArrayList<Node>} or a JSON scalar (a string packed). */
    Object value;
    long modRev;

    private Node(String key, Object value, long modRev) {
        this.key = key == null ? null : CompactText.pack(key);
        this.hash = key == null ? 0 : key.hashCode();
        this.value = value;
        this.modRev = modRev;
    }

    /** An empty object. */
    static Node object(String key, long rev) {
        return new Node(key, new Members(), rev);
    }

    /** A tree of nodes holding a copy of a plain JSON value under a key (null in an array), every node at this revision. */
    static Node of(String key, Object json, long rev) {
        if (json instanceof Map) {
            Members members = new Members();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) json).entrySet()) {
                String name = (String) entry.getKey();
                members.add(of(name, entry.getValue(), rev));
            }
            return new Node(key, members, rev);
        }
        if (json instanceof List) {
            List<?> elements = (List<?>) json;
            ArrayList<Node> children = new ArrayList<>(elements.size());
            for (Object element : elements) {
                children.add(of(null, element, rev));
            }
            return new Node(key, children, rev);
        }
        return new Node(key, pack(json), rev);
    }

    /** A tree of nodes equal to a frozen one, mod_revs included. */
    static Node thaw(String key, FrozenNode frozen) {
        if (frozen.isObject()) {
            Members members = new Members();
            for (Map.Entry<String, FrozenNode> entry : frozen.object().entrySet()) {
                members.add(thaw(entry.getKey(), entry.getValue()));
            }
            return new Node(key, members, frozen.modRev());
        }
        if (frozen.isArray()) {
            ArrayList<Node> elements = new ArrayList<>(frozen.array().size());
            for (FrozenNode element : frozen.array()) {
                elements.add(thaw(null, element));
            }
            return new Node(key, elements, frozen.modRev());
        }
        return new Node(key, pack(frozen.value()), frozen.modRev());
    }

    private static Object pack(Object scalar) {
        return scalar instanceof String ? CompactText.pack((String) scalar) : scalar;
    }

    /** The key, unpacked. */
    String name() {
        return CompactText.unpack(key);
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
        return CompactText.isPacked(value) ? CompactText.unpack(value) : value;
    }

    String typeName() {
        return isObject() ? "object" : isArray() ? "array" : CompactText.isPacked(value) ? "string" : Json.typeName(value);
    }
}
