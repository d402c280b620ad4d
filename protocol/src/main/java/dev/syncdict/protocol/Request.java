package dev.syncdict.protocol;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One request: a client-chosen id (echoed in the reply), an op and its fields, already checked
 * against the op's declaration. Field values are typed: a {@link Path}, a JSON value, a
 * {@link BigDecimal}, a {@link Boolean}, a {@link Long}, a {@link String} or a list of requests.
 */
public final class Request {

    private final Object id;
    private final Op op;
    private final Map<Field, Object> fields;

    private Request(Object id, Op op, Map<Field, Object> fields) {
        this.id = id;
        this.op = op;
        this.fields = fields;
    }

    /** A request for this op with no fields yet. */
    public static Request of(Op op) {
        return new Request(null, op, Collections.emptyMap());
    }

    /** A request whose fields the codec has already checked against the op. */
    static Request checked(Object id, Op op, FieldMap fields) {
        return new Request(id, op, fields);
    }

    /** A copy with one more field; a null value leaves the request as it is. */
    public Request with(Field field, Object value) {
        if (value == null) {
            return this;
        }
        if (!op.accepts(field)) {
            throw new IllegalArgumentException(op.wireName() + " does not take " + field.wireName());
        }
        Map<Field, Object> copy = new EnumMap<>(Field.class);
        copy.putAll(fields);
        copy.put(field, value);
        return new Request(id, op, Collections.unmodifiableMap(copy));
    }

    /** A copy with this id. */
    public Request withId(Object newId) {
        return new Request(newId, op, fields);
    }

    public Object id() {
        return id;
    }

    public Op op() {
        return op;
    }

    public Map<Field, Object> fields() {
        return fields;
    }

    public boolean has(Field field) {
        return fields.containsKey(field);
    }

    /** The path, or the root when the op's path is optional and absent. */
    public Path path() {
        return (Path) fields.getOrDefault(Field.PATH, Path.ROOT);
    }

    /** The JSON value, or null when absent. */
    public Object value() {
        return fields.get(Field.VALUE);
    }

    /** The amount of an incr: 1 when absent. */
    public BigDecimal by() {
        return (BigDecimal) fields.getOrDefault(Field.BY, BigDecimal.ONE);
    }

    public boolean ifAbsent() {
        return Boolean.TRUE.equals(fields.get(Field.IF_ABSENT));
    }

    /** The value the path must hold for a write to go ahead, or null. */
    public Object ifValue() {
        return fields.get(Field.IF_VALUE);
    }

    /** The revision the path must have for a write to go ahead, or null. */
    public Long ifRev() {
        return (Long) fields.get(Field.IF_REV);
    }

    public String prefix() {
        return (String) fields.getOrDefault(Field.PREFIX, "");
    }

    /** Keys listing starts after this key; null to start at the first. */
    public String after() {
        return (String) fields.get(Field.AFTER);
    }

    /** The most keys to list, or null for the daemon's default. */
    public Long limit() {
        return (Long) fields.get(Field.LIMIT);
    }

    /** Whether a keys listing names the kind of each key's value. */
    public boolean kinds() {
        return Boolean.TRUE.equals(fields.get(Field.KINDS));
    }

    /** How long connections that proved the old token may go on after a rotation, or null for the daemon's default. */
    public Long graceMs() {
        return (Long) fields.get(Field.GRACE_MS);
    }

    public boolean merge() {
        return Boolean.TRUE.equals(fields.get(Field.MERGE));
    }

    @SuppressWarnings("unchecked")
    public List<Request> ops() {
        return (List<Request>) fields.getOrDefault(Field.OPS, List.of());
    }

    /** The revision a watch resumes after, or null to start with the next write. */
    public Long from() {
        return (Long) fields.get(Field.FROM);
    }

    /** Whether a watch's events carry each change's previous value. */
    public boolean prev() {
        return Boolean.TRUE.equals(fields.get(Field.PREV));
    }

    /** The id of the watch an unwatch ends. */
    public Object watch() {
        return fields.get(Field.WATCH);
    }

    /** The chain this request belongs to (a string or a number), or null. */
    public Object chain() {
        return fields.get(Field.CHAIN);
    }

    public String nonce() {
        return (String) fields.get(Field.NONCE);
    }

    public String proof() {
        return (String) fields.get(Field.PROOF);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Request)) {
            return false;
        }
        Request that = (Request) other;
        return Json.equal(id, that.id) && op == that.op && fields.keySet().equals(that.fields.keySet())
                && fields.entrySet().stream().allMatch(e -> Json.equal(e.getValue(), that.fields.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return op.hashCode() * 31 + fields.keySet().hashCode();
    }

    @Override
    public String toString() {
        return Codec.encode(this);
    }
}
