package dev.syncdict.shell;

import dev.syncdict.protocol.Json;
import dev.syncdict.protocol.JsonException;
import dev.syncdict.protocol.Path;
import dev.syncdict.protocol.PathException;
import dev.syncdict.protocol.WholeNumbers;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters for the shell's argument types: paths, JSON values, numbers, durations. */
public final class Arguments {

    private Arguments() {}

    /** A path in jq-like syntax; a malformed one is a usage error that says where it broke. */
    public static final class PathArg implements ITypeConverter<Path> {
        @Override
        public Path convert(String text) {
            try {
                return Path.parse(text);
            } catch (PathException e) {
                throw new TypeConversionException("not a path, at column " + e.column() + ": " + e.what() + " in "
                        + UsageMessages.excerpt(text, e.column()) + " (paths look like a.b, a.b[2], .\"odd.key\")");
            }
        }
    }

    /**
     * A value as typed: JSON when it parses, otherwise the word itself as a string
     * ({@code set name bob}). Text that starts like JSON ({@code { [ "}) must be valid JSON, so a
     * typo in an object is an error rather than a surprising string.
     */
    public static final class ValueArg implements ITypeConverter<Object> {
        @Override
        public Object convert(String text) {
            return value(text);
        }
    }

    /** Parses a typed value (see {@link ValueArg}). */
    public static Object value(String text) {
        try {
            return Json.parse(text);
        } catch (JsonException e) {
            if (text.isEmpty() || "{[\"".indexOf(text.charAt(0)) >= 0 || e.isOverLimit()) {
                // A limit's message says which (nesting, a number's range, a string's length); a syntax error gets where.
                String what = e.isOverLimit() ? "" : "not valid JSON" + (e.column() > 0 ? " at column " + e.column() : "") + ": ";
                throw new TypeConversionException(what + readable(e.getMessage()) + " in "
                        + UsageMessages.excerpt(text, Math.max(1, e.column())));
            }
            return text;
        }
    }

    /** Jackson's reason without its internals: character codes, source locations, constraint names. */
    private static String readable(String reason) {
        return reason.replaceAll(" \\(code \\d+\\)", "")
                .replaceAll("\\s*\\(start marker at \\[[^\\]]*\\]\\)", "")
                .replaceAll("\\s*\\[Source:[^\\]]*\\]", "")
                .replaceAll(",? from `[^`]*`", "")
                .replaceAll("Unexpected end-of-input[^:]*", "the value ends before it is closed (a } ] or \" is missing)")
                .replace("was expecting double-quote to start property name", "object keys need double quotes, as in {\"key\": 1}")
                .replace("Unexpected character", "unexpected character")
                .replace("\n", " ");
    }

    /** A whole number of at least 1: {@code times N}, {@code --limit N}. */
    public static final class CountArg implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            return wholeNumber(text, 1);
        }
    }

    /** A revision: a whole number of 0 or more. */
    public static final class RevisionArg implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            return wholeNumber(text, 0);
        }
    }

    /**
     * Makes every int and long option read ASCII digits only, as the protocol does, and say so in
     * words when it is not one: picocli's own converters take other scripts' digits, and call the
     * rest "not an int".
     */
    static void wholeNumbersOnly(CommandLine cli) {
        ITypeConverter<Integer> whole = text -> {
            long value = wholeNumber(text, Integer.MIN_VALUE);
            if (value > Integer.MAX_VALUE) {
                throw new TypeConversionException("must be " + Integer.MAX_VALUE + " or less, not " + value);
            }
            return (int) value;
        };
        ITypeConverter<Long> wholeLong = text -> wholeNumber(text, Long.MIN_VALUE);
        cli.registerConverter(Integer.class, whole).registerConverter(int.class, whole)
                .registerConverter(Long.class, wholeLong).registerConverter(long.class, wholeLong);
    }

    private static long wholeNumber(String text, long least) {
        long value;
        try {
            value = WholeNumbers.parseLong(text);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + UsageMessages.excerpt(text, 1) + "' is not a whole number");
        }
        if (value < least) {
            throw new TypeConversionException("must be " + least + " or more, not " + value);
        }
        return value;
    }

    /** An exact decimal number. */
    public static final class NumberArg implements ITypeConverter<BigDecimal> {
        @Override
        public BigDecimal convert(String text) {
            Object value;
            try {
                value = Json.parse(text);
            } catch (JsonException e) {
                if (e.isOverLimit()) {
                    throw new TypeConversionException(readable(e.getMessage()) + " in " + UsageMessages.excerpt(text, 1));
                }
                value = null;
            }
            if (!(value instanceof BigDecimal)) {
                throw new TypeConversionException("'" + UsageMessages.excerpt(text, 1) + "' is not a number");
            }
            return (BigDecimal) value;
        }
    }

    /** A duration such as 500ms, 1s, 2.5s, 2m or 1h: at least 1ms, for an interval or a deadline. */
    public static final class DurationArg implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            return duration(text, false);
        }
    }

    /** A duration, or 0 for none: for an option whose zero means "none" ({@code bench --warmup 0s}, {@code rotate-token --grace 0s}). */
    public static final class DurationOrZeroArg implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            return duration(text, true);
        }
    }

    private static final BigDecimal MAX_MILLIS = BigDecimal.valueOf(Long.MAX_VALUE / 1_000_000);
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    private static Duration duration(String text, boolean zeroAllowed) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new TypeConversionException("'" + UsageMessages.excerpt(text, 1) + "' is not a duration: use a number and ms, s, m or h (500ms, 1s, 2m)");
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        long unitMillis = switch (m.group(2)) {
            case "ms" -> 1;
            case "s" -> 1000;
            case "m" -> 60_000;
            default -> 3_600_000;
        };
        BigDecimal exactMillis = amount.multiply(BigDecimal.valueOf(unitMillis));
        // Longer than the JVM's clocks count in nanoseconds (about 106 days) would overflow where it is waited for.
        if (exactMillis.compareTo(MAX_MILLIS) > 0) {
            throw new TypeConversionException("'" + UsageMessages.excerpt(text, 1) + "' is past the largest duration, "
                    + MAX_MILLIS.divide(BigDecimal.valueOf(3_600_000), 0, java.math.RoundingMode.DOWN) + "h");
        }
        long millis = exactMillis.longValue();
        // Under a millisecond but not zero is refused either way: rounding it to 0 would mean "none".
        if (millis <= 0 && !(zeroAllowed && amount.signum() == 0)) {
            throw new TypeConversionException(zeroAllowed ? "a duration must be 0 or at least 1ms" : "a duration must be at least 1ms");
        }
        return Duration.ofMillis(millis);
    }
}
