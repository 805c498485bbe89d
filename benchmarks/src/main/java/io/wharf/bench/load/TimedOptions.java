package io.wharf.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options of the scenarios that loop for a fixed time ({@code small-files}, {@code logins}): a picocli mixin. */
final class TimedOptions {

    @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long to loop (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--hgrm", paramLabel = "FILE",
            description = "Also write the latency percentile distribution (HdrHistogram .hgrm, milliseconds).")
    Path hgrm;

    @Option(names = "--timeout", defaultValue = "30s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Abort operations still running this long after the end (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--progress", description = "Show the live status line even when stderr is not a terminal.")
    boolean isProgressForced;

    /** Writes the latency distribution when {@code --hgrm} was given. */
    void writeHgrm(TimedRun.Outcome outcome) throws IOException {
        if (hgrm != null) {
            Percentiles.writeHgrm(outcome.latencyUs(), hgrm);
        }
    }
}
