package dev.syncdict.protocol;

import java.math.BigDecimal;
import java.util.function.BiConsumer;

/**
 * Reads the common reply line, one flat JSON object of an id, a revision and at most a scalar
 * value, a mod_rev, more and a proof, from its bytes into a {@link Reply}: the daemon's
 * {@link FlatRequestReader} reads the members, with no string of the line, parser or map in
 * between. Reading each reply of a script into a string, then a map, then a reply was a tenth of a
 * statement's CPU in the shell. It declines everything else (an error, a tx's results, an event, a
 * nested value, an escape, a byte outside printable ASCII, a long number, a member it does not
 * know, anything malformed), which {@link Codec#decodeMessage(String)} then reads; what it reads,
 * it reads as that would ({@code FlatReplyReaderTest} compares the two on generated lines).
 */
final class FlatReplyReader implements BiConsumer<String, Object> {

    /** Integers this long fit a long, as a revision must. */
    private static final int SHORT_INTEGER_DIGITS = 18;

    private Object id;
    private Object rev;
    private Object value;
    private Object modRev;
    private Object more;
    private Object proof;
    private boolean unknown;

    private FlatReplyReader() {}

    /** The reply the line holds, or null when it is not of the common kind. */
    static Reply read(byte[] utf8, int offset, int length) {
        FlatReplyReader members = new FlatReplyReader();
        if (!FlatRequestReader.read(utf8, offset, length, members) || members.unknown) {
            return null;
        }
        return members.reply();
    }

    /** A repeated member keeps its last value, as a map would. */
    @Override
    public void accept(String name, Object scalar) {
        switch (name) {
            case "id" -> id = scalar;
            case "rev" -> rev = scalar;
            case "value" -> value = scalar;
            case "mod_rev" -> modRev = scalar;
            case "more" -> more = scalar;
            case "proof" -> proof = scalar;
            default -> unknown = true; // an error, results, an event's watch, or a member this reader does not know
        }
    }

    private Reply reply() {
        if (rev == null || !isWhole(rev) || !isWhole(modRev) || !(more == null || more instanceof Boolean)
                || !(proof == null || proof instanceof String)) {
            return null; // the general reader says what is wrong with these
        }
        return new Reply(id, ((BigDecimal) rev).longValue(), value, modRev == null ? null : ((BigDecimal) modRev).longValue(),
                (Boolean) more, null, (String) proof, null);
    }

    /** Absent, or a whole number that fits a long, as the general reader takes a revision. */
    private static boolean isWhole(Object number) {
        return number == null || number instanceof BigDecimal && ((BigDecimal) number).scale() == 0
                && ((BigDecimal) number).precision() <= SHORT_INTEGER_DIGITS;
    }
}
