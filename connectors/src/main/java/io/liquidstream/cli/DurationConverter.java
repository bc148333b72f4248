package io.liquidstream.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Every duration on the command line: a number and a unit ({@code 500ms}, {@code 60s}, {@code 1.5s},
 * {@code 2m}, {@code 1h}, {@code 50000us}) or ISO-8601 ({@code PT1M}). A bare number is refused: its
 * unit would be a guess.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    /** What the help of a duration option says its values look like. */
    public static final String FORMS = "a number and a unit: us, ms, s, m, h (e.g. 500ms, 60s, 2m)";

    private static final Pattern VALUE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(us|µs|ms|s|m|h)");

    @Override
    public Duration convert(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("pt")) {
            try {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw refused(value);
            }
        }
        Matcher m = VALUE.matcher(v);
        if (!m.matches()) {
            throw refused(value);
        }
        BigDecimal nanosPerUnit = BigDecimal.valueOf(switch (m.group(2)) {
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        });
        try {
            return Duration.ofNanos(new BigDecimal(m.group(1)).multiply(nanosPerUnit).longValueExact());
        } catch (ArithmeticException e) {
            throw new TypeConversionException("expected a duration of whole nanoseconds below 292 years, found '"
                    + value + "'");
        }
    }

    private static TypeConversionException refused(String value) {
        boolean bare = value.trim().matches("\\d+(\\.\\d+)?");
        return new TypeConversionException("expected a duration, " + FORMS + ", or ISO-8601 like PT1M; found '" + value
                + "'" + (bare ? " (no unit)" : ""));
    }

    /** How a duration prints back: the largest unit that keeps it whole ({@code 50ms}, {@code 2m}). */
    public static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        if (nanos % 3_600_000_000_000L == 0) {
            return nanos / 3_600_000_000_000L + "h";
        }
        if (nanos % 60_000_000_000L == 0) {
            return nanos / 60_000_000_000L + "m";
        }
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "ms";
        }
        return nanos / 1_000 + "us";
    }
}
