package io.wharf.bench.load;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine;

/** Durations as people type them: {@code 250ms}, {@code 10s}, {@code 2m}, {@code 1h}; a bare number is seconds. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return positive(Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2))), value);
            }
            char unit = v.isEmpty() ? 's' : v.charAt(v.length() - 1);
            String digits = Character.isDigit(unit) ? v : v.substring(0, v.length() - 1);
            long n = Long.parseLong(digits);
            return positive(switch (unit) {
                case 'h' -> Duration.ofHours(n);
                case 'm' -> Duration.ofMinutes(n);
                case 's' -> Duration.ofSeconds(n);
                default -> {
                    if (!Character.isDigit(unit)) {
                        throw new CommandLine.TypeConversionException("unknown unit in " + value + " (ms, s, m, h)");
                    }
                    yield Duration.ofSeconds(n);
                }
            }, value);
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("not a duration: " + value + " (e.g. 500ms, 10s, 2m)");
        }
    }

    private static Duration positive(Duration d, String value) {
        if (d.isNegative() || d.isZero()) {
            throw new CommandLine.TypeConversionException("duration must be positive: " + value);
        }
        return d;
    }
}
