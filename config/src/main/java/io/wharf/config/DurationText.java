package io.wharf.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as operators write them, the same in the configuration file and on every command line: a whole number
 * with a unit, {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}; a bare number is seconds.
 */
public final class DurationText {

    private static final Pattern DURATION = Pattern.compile("([0-9]+)(ms|s|m|h)?");
    private static final int MAX_DIGITS = 15;

    private DurationText() {
    }

    /**
     * @param text the text, without surrounding spaces
     * @return the duration (a number too large for any bound saturates at {@code Long.MAX_VALUE} ms, so a range check
     *         reports it as out of range), or null when {@code text} is not a duration at all
     */
    public static Duration parse(String text) {
        Matcher matcher = DURATION.matcher(text);
        if (!matcher.matches()) {
            return null;
        }
        long unitMs = switch (matcher.group(2) == null ? "s" : matcher.group(2)) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m" -> 60_000;
            default -> 3_600_000;
        };
        String digits = matcher.group(1);
        if (digits.replaceFirst("^0+(?=.)", "").length() > MAX_DIGITS) {
            return Duration.ofMillis(Long.MAX_VALUE);
        }
        long amount = Long.parseLong(digits);
        long millis = amount > Long.MAX_VALUE / unitMs ? Long.MAX_VALUE : amount * unitMs;
        return Duration.ofMillis(millis);
    }
}
