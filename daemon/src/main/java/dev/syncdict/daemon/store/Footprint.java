package dev.syncdict.daemon.store;

import java.math.BigDecimal;

/**
 * What the store's objects take on a 64-bit JVM's heap with compressed references (12-byte object
 * headers, 4-byte references, 8-byte alignment): the sizes {@link Node#bytes()} adds up so that the
 * dictionary knows its own size as it writes, for the memory cap. Per-member shares of an object's
 * index and an array's slots are averages, so the count depends only on what the dictionary holds.
 */
final class Footprint {

    /** A {@link Node}: header, key, hash, value and mod_rev. */
    static final long NODE = 32;
    /** A member's share of its object's hash index (a slot at a load of about five eighths) and sorted chunks (a slot, a few spare). */
    static final long MEMBER = 11;
    /** An element's slot in its array's list, with the list's spare capacity. */
    static final long ELEMENT = 6;
    /** An object's {@link Members}, its {@link KeyOrder} and that one's first arrays. */
    static final long OBJECT = 24 + 24 + 24 + 24 + 32;
    /** An array's {@code ArrayList} and its backing array's header. */
    static final long ARRAY = 24 + 16;
    /** A {@link Node.WholeNumber}: a header and a long. */
    private static final long WHOLE_NUMBER = 24;
    /** A {@link BigDecimal} whose unscaled value fits a long (it keeps no {@code BigInteger} then). */
    private static final long COMPACT_NUMBER = 40;
    /** The largest precision whose unscaled value surely fits a long. */
    private static final int COMPACT_DIGITS = 18;
    /** A {@code BigInteger} and its array's header, beside the {@code BigDecimal} around it. */
    private static final long WIDE_NUMBER = COMPACT_NUMBER + 40 + 16;
    /** A {@code String}, beside its array. */
    private static final long STRING = 24;

    private Footprint() {}

    /** A byte array of this length. */
    private static long array(long length) {
        return align(16 + length);
    }

    /** Text as {@link CompactText} keeps it: bytes, or a String of two-byte chars (one that did not pack). */
    static long text(Object packed) {
        if (packed instanceof byte[]) {
            return array(((byte[]) packed).length);
        }
        return packed instanceof String ? STRING + array(2L * ((String) packed).length()) : 0;
    }

    /** A scalar value as a node holds it; true, false and null are shared and take nothing. */
    static long scalar(Object value) {
        if (value instanceof Node.WholeNumber) {
            return WHOLE_NUMBER;
        }
        if (value instanceof BigDecimal) {
            int digits = ((BigDecimal) value).precision();
            // About 3.32 bits a digit, in 32-bit words.
            return digits <= COMPACT_DIGITS ? COMPACT_NUMBER : WIDE_NUMBER + align(4L * (digits * 3322L / 1000 / 32 + 1));
        }
        return text(value);
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }
}
