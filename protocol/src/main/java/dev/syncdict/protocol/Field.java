package dev.syncdict.protocol;

/** A named argument of a request, with its wire name and the JSON type it must have. */
public enum Field {
    PATH("path", Type.PATH),
    VALUE("value", Type.JSON),
    BY("by", Type.NUMBER),
    IF_ABSENT("if_absent", Type.BOOLEAN),
    IF_VALUE("if_value", Type.JSON),
    IF_REV("if_rev", Type.REVISION),
    PREFIX("prefix", Type.STRING),
    AFTER("after", Type.STRING),
    LIMIT("limit", Type.COUNT),
    GRACE_MS("grace_ms", Type.COUNT),
    KINDS("kinds", Type.BOOLEAN),
    MERGE("merge", Type.BOOLEAN),
    OPS("ops", Type.REQUESTS),
    FROM("from", Type.REVISION),
    PREV("prev", Type.BOOLEAN),
    WATCH("watch", Type.ID),
    NONCE("nonce", Type.STRING),
    PROOF("proof", Type.STRING),
    /** Any op may name a chain: once a request of a chain fails, the connection's later requests of it are skipped. */
    CHAIN("chain", Type.ID);

    /** What a field's JSON value must be; the codec checks it once for every op. */
    public enum Type {
        /** A path string, parsed into a {@link Path}. */
        PATH("a path string"),
        /** Any JSON value. */
        JSON("any JSON value"),
        /** A number. */
        NUMBER("a number"),
        /** true or false. */
        BOOLEAN("true or false"),
        /** A revision: an integer of 0 or more (0 means the path has no value). */
        REVISION("an integer of 0 or more"),
        /** A count: an integer of 1 or more. */
        COUNT("an integer of 1 or more"),
        /** A string. */
        STRING("a string"),
        /** An array of request objects (for tx). */
        REQUESTS("an array of request objects"),
        /** A request's id: a string or a number (for unwatch, the watch's). */
        ID("a string or a number");

        private final String description;

        Type(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final String wireName;
    private final Type type;

    Field(String wireName, Type type) {
        this.wireName = wireName;
        this.type = type;
    }

    public String wireName() {
        return wireName;
    }

    public Type type() {
        return type;
    }

    /** values() copies its array on every call; decoding looks names up for every request. */
    private static final Field[] ALL = values();

    /** The field with this wire name, or null. */
    public static Field byWireName(String name) {
        for (Field field : ALL) {
            if (field.wireName.equals(name)) {
                return field;
            }
        }
        return null;
    }
}
