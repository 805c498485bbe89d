package io.wharf.bench.load;

import io.wharf.server.cli.DurationConverter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options of the scenarios that loop for a fixed time ({@code small-files}, {@code logins}): a picocli mixin. */
final class TimedOptions {

    @Spec(Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec mixee;

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

    @Option(names = "--rate", paramLabel = "N",
            description = {"Target rate: N operations per second over the whole run, spread evenly over the "
                + "workers (open loop). Each operation is due at a fixed time and starts then, or at once if its "
                + "worker is still busy; latency counts from the due time, so a slow server shows as queueing "
                + "delay on every operation it held up (coordinated-omission correction). Default: closed loop, "
                + "each operation starts when the last one ends."})
    Double rate;

    /** The run these options ask for, with {@code workers} threads; a usage error if {@code --rate} is not. */
    TimedRun newRun(int workers) {
        if (rate != null && !(rate > 0 && rate < Double.POSITIVE_INFINITY)) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "--rate must be positive");
        }
        return new TimedRun(workers, duration.toNanos(), rate == null ? 0 : rate);
    }

    /** {@code for 30 s}, or {@code for 30 s at 500/s}: for the start line on stderr. */
    String describe() {
        return "for " + duration.toSeconds() + " s"
                + (rate == null ? "" : " at " + BigDecimal.valueOf(rate).stripTrailingZeros().toPlainString() + "/s");
    }

    /** Writes the latency distribution when {@code --hgrm} was given. */
    void writeHgrm(TimedRun.Outcome outcome) throws IOException {
        if (hgrm != null) {
            Percentiles.writeHgrm(outcome.latencyUs(), hgrm);
        }
    }
}
