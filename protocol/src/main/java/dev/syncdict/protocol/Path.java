package dev.syncdict.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An address into the dictionary in jq-like syntax: {@code a}, {@code a.b}, {@code a.b[2]},
 * {@code ."odd.key".x}, {@code ["key"]}, {@code .} for the whole dictionary; the leading dot is
 * optional and a negative index counts from the end of an array.
 *
 * <p>A bare key is any run of characters other than {@code . [ ] "}, white space and control
 * characters; any other key is written as a JSON string.
 */
public final class Path {

    /** The whole dictionary. */
    public static final Path ROOT = new Path(List.of());

    /** Most segments a path may have: {@link Limits#DEPTH}, since each segment is a level of the tree. */
    public static final int MAX_SEGMENTS = Limits.DEPTH;

    /** One step of a path: an object key or an array index. */
    public interface Segment {}

    /** Steps into an object by key. */
    public record Key(String name) implements Segment {
        @Override
        public String toString() {
            return isBare(name) ? name : Json.quote(name);
        }
    }

    /** Steps into an array by position; negative counts from the end. */
    public record Index(int position) implements Segment {
        @Override
        public String toString() {
            return "[" + position + "]";
        }
    }

    private final List<Segment> segments;

    private Path(List<Segment> segments) {
        this.segments = segments;
    }

    /** The path made of these segments. */
    public static Path of(List<Segment> segments) {
        return segments.isEmpty() ? ROOT : new Path(List.copyOf(segments));
    }

    /** The path of a single top-level key. */
    public static Path key(String name) {
        return new Path(List.of(new Key(name)));
    }

    public List<Segment> segments() {
        return segments;
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    public int length() {
        return segments.size();
    }

    /** Whether {@code other} is this path or lies below it, segment by segment as written. */
    public boolean contains(Path other) {
        return other.segments.size() >= segments.size() && other.segments.subList(0, segments.size()).equals(segments);
    }

    public Segment last() {
        return segments.get(segments.size() - 1);
    }

    public Path parent() {
        return of(segments.subList(0, segments.size() - 1));
    }

    /** This path followed by another (for working below a path with {@code use}). */
    public Path resolve(Path relative) {
        List<Segment> joined = new ArrayList<>(segments);
        joined.addAll(relative.segments);
        return of(joined);
    }

    /** Parses a path, or throws a {@link PathException} that says where it broke. */
    public static Path parse(String text) {
        // The common path, one bare key, is its own text: no parser, no list to build and copy.
        return isBare(text) ? key(text) : new Parser(text).parse();
    }

    static boolean isBareChar(char c) {
        return c != '.' && c != '[' && c != ']' && c != '"' && !Character.isWhitespace(c) && !Character.isISOControl(c);
    }

    static boolean isBare(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isBareChar(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The canonical text: {@code .} for the root, otherwise no leading dot. */
    @Override
    public String toString() {
        if (segments.isEmpty()) {
            return ".";
        }
        StringBuilder text = new StringBuilder();
        for (Segment segment : segments) {
            if (segment instanceof Key && text.length() > 0) {
                text.append('.');
            }
            text.append(segment);
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Path && ((Path) other).segments.equals(segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }

    /** A recursive-descent reader over the path text; positions in errors are 1-based columns. */
    private static final class Parser {
        private final String text;
        private int pos;
        private final List<Segment> segments = new ArrayList<>();

        Parser(String text) {
            this.text = text;
        }

        Path parse() {
            if (text.isEmpty()) {
                throw error("empty path (use . for the whole dictionary)");
            }
            if (text.equals(".")) {
                return ROOT;
            }
            if (peek() == '.') {
                pos++;
            }
            if (peek() == '[') {
                bracket();
            } else {
                key();
            }
            while (pos < text.length()) {
                if (segments.size() == MAX_SEGMENTS) {
                    throw new PathException(text, pos + 1, "a path has at most " + MAX_SEGMENTS + " segments", ErrorCode.TOO_DEEP);
                }
                char c = text.charAt(pos);
                if (c == '.') {
                    pos++;
                    if (pos == text.length()) {
                        throw error("path ends with '.'");
                    }
                    key();
                } else if (c == '[') {
                    bracket();
                } else {
                    throw error("expected '.' or '[' but found " + describe(c));
                }
            }
            return Path.of(Collections.unmodifiableList(segments));
        }

        private void key() {
            char c = peek();
            if (c == '"') {
                segments.add(new Key(quoted()));
                return;
            }
            int start = pos;
            while (pos < text.length() && isBareChar(text.charAt(pos))) {
                pos++;
            }
            if (pos == start) {
                throw error(c == 0 ? "expected a key" : "expected a key but found " + describe(c));
            }
            segments.add(new Key(text.substring(start, pos)));
        }

        private void bracket() {
            pos++; // '['
            if (peek() == '"') {
                segments.add(new Key(quoted()));
            } else {
                int start = pos;
                if (peek() == '-') {
                    pos++;
                }
                // ASCII digits only: Character.isDigit and parseInt also take other scripts' digits (an
                // Arabic-Indic three in brackets was index 3).
                while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                    pos++;
                }
                String digits = text.substring(start, pos);
                if (digits.isEmpty() || digits.equals("-")) {
                    pos = start;
                    throw error("expected an array index or a quoted key after '['");
                }
                try {
                    segments.add(new Index(Integer.parseInt(digits)));
                } catch (NumberFormatException e) {
                    pos = start;
                    throw error("array index " + digits + " is too large");
                }
            }
            if (peek() != ']') {
                throw error("expected ']'" + (peek() == 0 ? "" : " but found " + describe(peek())));
            }
            pos++;
        }

        /** A JSON string starting at pos; Json reads it, so the unescaping rules are JSON's. */
        private String quoted() {
            int start = pos;
            pos++;
            while (pos < text.length() && text.charAt(pos) != '"') {
                pos += text.charAt(pos) == '\\' ? 2 : 1;
            }
            if (pos >= text.length()) {
                pos = start;
                throw error("unterminated quoted key");
            }
            pos++;
            try {
                return (String) Json.parse(text.substring(start, pos));
            } catch (JsonException e) {
                pos = start;
                throw error("bad quoted key: " + e.getMessage());
            }
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : 0;
        }

        private static String describe(char c) {
            return Character.isWhitespace(c) ? "white space" : "'" + c + "'";
        }

        private PathException error(String what) {
            return new PathException(text, pos + 1, what);
        }
    }
}
