package dev.syncdict.daemon.store;

import dev.syncdict.protocol.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One value in the dictionary with the revision of the last write at or below it. Objects are
 * kept sorted by key, so that listing keys by prefix or from a key on costs log n plus the keys
 * listed. Only the {@link Dictionary}'s thread touches nodes.
 */
final class Node {

    /** A {@code TreeMap<String,Node>}, an {@code ArrayList<Node>} or a JSON scalar. */
    Object value;
    long modRev;

    Node(Object value, long modRev) {
        this.value = value;
        this.modRev = modRev;
    }

    /** A tree of nodes holding a copy of a plain JSON value, every node at this revision. */
    static Node of(Object json, long rev) {
        if (json instanceof Map) {
            TreeMap<String, Node> children = new TreeMap<>();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) json).entrySet()) {
                children.put((String) entry.getKey(), of(entry.getValue(), rev));
            }
            return new Node(children, rev);
        }
        if (json instanceof List) {
            List<?> elements = (List<?>) json;
            ArrayList<Node> children = new ArrayList<>(elements.size());
            for (Object element : elements) {
                children.add(of(element, rev));
            }
            return new Node(children, rev);
        }
        return new Node(json, rev);
    }

    /** An immutable copy of this subtree with its mod_revs. */
    FrozenNode freeze() {
        if (isObject()) {
            TreeMap<String, FrozenNode> children = new TreeMap<>();
            for (Map.Entry<String, Node> entry : object().entrySet()) {
                children.put(entry.getKey(), entry.getValue().freeze());
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
        return new FrozenNode(value, modRev);
    }

    /** A tree of nodes equal to a frozen one, mod_revs included. */
    static Node thaw(FrozenNode frozen) {
        if (frozen.isObject()) {
            TreeMap<String, Node> children = new TreeMap<>();
            for (Map.Entry<String, FrozenNode> entry : frozen.object().entrySet()) {
                children.put(entry.getKey(), thaw(entry.getValue()));
            }
            return new Node(children, frozen.modRev());
        }
        if (frozen.isArray()) {
            ArrayList<Node> elements = new ArrayList<>(frozen.array().size());
            for (FrozenNode element : frozen.array()) {
                elements.add(thaw(element));
            }
            return new Node(elements, frozen.modRev());
        }
        return new Node(frozen.value(), frozen.modRev());
    }

    /** A plain JSON copy of this subtree, safe to hand to another thread. */
    Object toJson() {
        if (isObject()) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<String, Node> entry : object().entrySet()) {
                copy.put(entry.getKey(), entry.getValue().toJson());
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
        return value;
    }

    boolean isObject() {
        return value instanceof TreeMap;
    }

    boolean isArray() {
        return value instanceof ArrayList;
    }

    @SuppressWarnings("unchecked")
    TreeMap<String, Node> object() {
        return (TreeMap<String, Node>) value;
    }

    @SuppressWarnings("unchecked")
    ArrayList<Node> array() {
        return (ArrayList<Node>) value;
    }

    String typeName() {
        return isObject() ? "object" : isArray() ? "array" : Json.typeName(value);
    }
}
