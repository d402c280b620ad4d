package dev.syncdict.shell.bench;

import java.util.Locale;
import java.util.SplittableRandom;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A test named by {@code -t}: which operation each request is. */
enum Workload {
    GET, SET, INCR,
    /** Nine reads to one write, about memtier's default ratio. */
    MIXED;

    /** The operation of the next request. */
    Operation pick(SplittableRandom random) {
        switch (this) {
            case GET: return Operation.GET;
            case SET: return Operation.SET;
            case INCR: return Operation.INCR;
            default: return random.nextInt(10) == 0 ? Operation.SET : Operation.GET;
        }
    }

    /** Whether the test reads keys, which must then exist first. */
    boolean reads() {
        return this == GET || this == MIXED;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code -t get,set,incr,mixed}, one name at a time. */
    static final class Converter implements ITypeConverter<Workload> {
        @Override
        public Workload convert(String text) {
            for (Workload workload : values()) {
                if (workload.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
                    return workload;
                }
            }
            throw new TypeConversionException("unknown test '" + text + "': use get, set, incr or mixed");
        }
    }
}
