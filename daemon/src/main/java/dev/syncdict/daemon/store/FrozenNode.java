package dev.syncdict.daemon.store;

import java.util.List;
import java.util.Map;

/**
 * One node of an immutable copy of the dictionary, with the revision of the last write at or
 * below it: what a snapshot writes on another thread while the owner goes on, and what recovery
 * loads. The value is a sorted {@code Map<String,FrozenNode>}, a {@code List<FrozenNode>} or a
 * JSON scalar; nobody mutates it.
 */
public record FrozenNode(Object value, long modRev) {

    public boolean isObject() {
        return value instanceof Map;
    }

    public boolean isArray() {
        return value instanceof List;
    }

    @SuppressWarnings("unchecked")
    public Map<String, FrozenNode> object() {
        return (Map<String, FrozenNode>) value;
    }

    @SuppressWarnings("unchecked")
    public List<FrozenNode> array() {
        return (List<FrozenNode>) value;
    }
}
