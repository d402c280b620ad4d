package dev.syncdict.protocol;

import static dev.syncdict.protocol.Field.AFTER;
import static dev.syncdict.protocol.Field.BY;
import static dev.syncdict.protocol.Field.FROM;
import static dev.syncdict.protocol.Field.IF_ABSENT;
import static dev.syncdict.protocol.Field.IF_REV;
import static dev.syncdict.protocol.Field.IF_VALUE;
import static dev.syncdict.protocol.Field.LIMIT;
import static dev.syncdict.protocol.Field.MERGE;
import static dev.syncdict.protocol.Field.NONCE;
import static dev.syncdict.protocol.Field.OPS;
import static dev.syncdict.protocol.Field.PATH;
import static dev.syncdict.protocol.Field.PREFIX;
import static dev.syncdict.protocol.Field.PREV;
import static dev.syncdict.protocol.Field.PROOF;
import static dev.syncdict.protocol.Field.VALUE;

import java.util.EnumSet;
import java.util.Set;

/**
 * Every operation of the protocol, declared once: its wire name, what it does to the dictionary
 * and its fields. The codec validates requests from this table, the daemon dispatches on it and a
 * test checks the shell offers a command for every op. (Each command's one-line summary is the
 * shell's own, in its {@code @Command}: that is what users read.)
 */
public enum Op {
    AUTH("auth", Access.HANDSHAKE, EnumSet.of(NONCE, PROOF), EnumSet.noneOf(Field.class)),
    GET("get", Access.READ, EnumSet.of(PATH), EnumSet.noneOf(Field.class)),
    SET("set", Access.WRITE, EnumSet.of(PATH, VALUE), EnumSet.of(IF_ABSENT, IF_VALUE, IF_REV)),
    DEL("del", Access.WRITE, EnumSet.of(PATH), EnumSet.of(IF_VALUE, IF_REV)),
    INCR("incr", Access.WRITE, EnumSet.of(PATH), EnumSet.of(BY)),
    KEYS("keys", Access.READ, EnumSet.noneOf(Field.class), EnumSet.of(PATH, PREFIX, AFTER, LIMIT, Field.KINDS)),
    DUMP("dump", Access.READ, EnumSet.noneOf(Field.class), EnumSet.of(PATH)),
    LOAD("load", Access.WRITE, EnumSet.of(VALUE), EnumSet.of(PATH, MERGE)),
    TX("tx", Access.WRITE, EnumSet.of(OPS), EnumSet.noneOf(Field.class)),
    WATCH("watch", Access.WATCH, EnumSet.noneOf(Field.class), EnumSet.of(PATH, FROM, PREV)),
    UNWATCH("unwatch", Access.WATCH, EnumSet.of(Field.WATCH), EnumSet.noneOf(Field.class)),
    INFO("info", Access.READ, EnumSet.noneOf(Field.class), EnumSet.noneOf(Field.class)),
    PING("ping", Access.READ, EnumSet.noneOf(Field.class), EnumSet.noneOf(Field.class)),
    SHUTDOWN("shutdown", Access.ADMIN, EnumSet.noneOf(Field.class), EnumSet.noneOf(Field.class)),
    COMPACT("compact", Access.ADMIN, EnumSet.noneOf(Field.class), EnumSet.noneOf(Field.class)),
    ROTATE_TOKEN("rotate_token", Access.ADMIN, EnumSet.noneOf(Field.class), EnumSet.of(Field.GRACE_MS));

    /** What an op does, which decides where the daemon may run it. */
    public enum Access {
        /** Only valid before authentication. */
        HANDSHAKE,
        /** Reads the dictionary. */
        READ,
        /** Changes the dictionary and takes a new revision. */
        WRITE,
        /** Starts or ends a subscription to changes, whose events then follow on the connection. */
        WATCH,
        /** Acts on the daemon itself. */
        ADMIN
    }

    private final String wireName;
    private final Access access;
    private final Set<Field> required;
    private final Set<Field> optional;

    Op(String wireName, Access access, Set<Field> required, Set<Field> optional) {
        this.wireName = wireName;
        this.access = access;
        this.required = required;
        this.optional = optional;
    }

    public String wireName() {
        return wireName;
    }

    public Access access() {
        return access;
    }

    public Set<Field> required() {
        return required;
    }

    public boolean accepts(Field field) {
        return field == Field.CHAIN || required.contains(field) || optional.contains(field);
    }

    /** Whether the op may stand inside a {@code tx}: the ops that read or write the dictionary. */
    public boolean isTransactional() {
        return (access == Access.READ || access == Access.WRITE) && this != TX && this != INFO && this != PING;
    }

    /** values() copies its array on every call; decoding looks names up for every request. */
    private static final Op[] ALL = values();

    /** The op with this wire name, or null. */
    public static Op byWireName(String name) {
        for (Op op : ALL) {
            if (op.wireName.equals(name)) {
                return op;
            }
        }
        return null;
    }
}
