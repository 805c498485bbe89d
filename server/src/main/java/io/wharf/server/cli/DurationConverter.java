package io.wharf.server.cli;

import io.wharf.config.DurationText;
import java.time.Duration;
import picocli.CommandLine;

/**
 * Durations on every Wharf command line ({@code wharf probe --timeout}, {@code wharf-bench --duration}), written as in
 * the configuration file ({@link DurationText}): {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}; a bare number is
 * seconds. Zero is refused: every such option is a wait or a run length.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        Duration duration = DurationText.parse(value.strip());
        if (duration == null) {
            throw new CommandLine.TypeConversionException("not a duration: '" + value + "' (use e.g. 500ms, 5s, 2m)");
        }
        if (duration.isZero()) {
            throw new CommandLine.TypeConversionException("duration must be positive: '" + value + "'");
        }
        return duration;
    }
}
