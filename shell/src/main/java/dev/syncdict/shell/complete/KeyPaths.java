package dev.syncdict.shell.complete;

import dev.syncdict.protocol.Json;
import dev.syncdict.protocol.Path;
import dev.syncdict.protocol.PathException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Completes a key path one level at a time from the daemon's live keys: {@code us} becomes
 * {@code users.} when {@code users} holds an object, {@code users.} lists its children, array
 * elements come as {@code [0]} and keys that are not bare come quoted ({@code ."odd.key"}).
 */
final class KeyPaths {

    /** Most keys offered for one Tab: enough to choose from, small enough to answer at once. */
    static final int LIMIT = 100;

    private final KeySource source;

    KeyPaths(KeySource source) {
        this.source = source;
    }

    /** The word split at its last separator: the path before it, what comes before the new segment, and the typed start of the segment. */
    private record Split(Path parent, String head, boolean bracket, String prefix) {}

    List<Candidate> complete(String word) {
        Split split = split(word);
        if (split == null) {
            return List.of();
        }
        KeySource.Listing listing = source.keys(split.parent, split.bracket ? "" : split.prefix, LIMIT);
        if (listing == null) {
            return List.of();
        }
        List<Candidate> candidates = new ArrayList<>();
        List<String> matchedKinds = new ArrayList<>();
        for (int i = 0; i < listing.keys().size(); i++) {
            Object key = listing.keys().get(i);
            String text = text(split, key);
            // The daemon matched keys by prefix already, so a typed "red" finds the key "red.ones"
            // (offered as ."red.ones"); after '[' every element comes back and the typed index decides.
            boolean matches = split.bracket ? text.startsWith(word) : key instanceof String || split.prefix.isEmpty();
            if (matches) {
                candidates.add(new Candidate(text, null, false));
                matchedKinds.add(listing.kinds().get(i));
            }
        }
        if (candidates.size() == 1 && !listing.more()) {
            return List.of(goOn(candidates.get(0).value(), matchedKinds.get(0)));
        }
        return candidates;
    }

    /**
     * The one match, followed by what its value allows: '.' into an object, '[' into an array, a
     * space after anything else. The listing named each value's kind, so no second request.
     */
    private static Candidate goOn(String text, String kind) {
        switch (kind) {
            case "object":
                return new Candidate(text + ".", null, false);
            case "array":
                return new Candidate(text + "[", null, false);
            default:
                return new Candidate(text, null, true);
        }
    }

    /** The completed word for a key: an index in brackets, a bare key, or a quoted one. */
    private static String text(Split split, Object key) {
        if (key instanceof BigDecimal) {
            String head = split.bracket || split.head.isEmpty() ? split.head : split.head.substring(0, split.head.length() - 1);
            return head + "[" + key + "]";
        }
        String name = (String) key;
        if (split.bracket) {
            return split.head + "[" + Json.quote(name) + "]";
        }
        String segment = new Path.Key(name).toString();
        // A quoted key at the start gets a leading dot, the form people know from jq.
        return (segment.equals(name) || !split.head.isEmpty() ? split.head : ".") + segment;
    }

    /** Splits at the last '.' or '[' outside quotes; null when the part before it is not a path. */
    private static Split split(String word) {
        int separator = -1;
        boolean quoted = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '.' || c == '[')) {
                separator = i;
            }
        }
        String before = separator < 0 ? "" : word.substring(0, separator);
        Path parent;
        try {
            parent = before.isEmpty() || before.equals(".") ? Path.ROOT : Path.parse(before);
        } catch (PathException e) {
            return null;
        }
        boolean bracket = separator >= 0 && word.charAt(separator) == '[';
        String head = bracket ? before : word.substring(0, separator + 1);
        return new Split(parent, head, bracket, unquote(word.substring(separator + 1)));
    }

    /** The key a partly typed segment starts with: {@code "odd.k} is {@code odd.k}. */
    private static String unquote(String segment) {
        if (!segment.startsWith("\"")) {
            return segment;
        }
        StringBuilder key = new StringBuilder();
        for (int i = 1; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '"') {
                break;
            }
            if (c == '\\' && i + 1 < segment.length()) {
                c = segment.charAt(++i);
            }
            key.append(c);
        }
        return key.toString();
    }
}
