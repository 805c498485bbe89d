package io.wharf.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** Latency histograms in microseconds, the same way in every report: as text, as JSON, and as an .hgrm file. */
final class Percentiles {

    /** Histograms cover 1 us to 10 minutes at 3 significant digits; values above are clamped. */
    static final long MAX_US = 600_000_000L;
    /** The percentiles every report shows. */
    static final double[] STANDARD = {50, 90, 99, 99.9};

    private Percentiles() {
    }

    /** An empty histogram with the standard range. */
    static Histogram histogram() {
        return new Histogram(MAX_US, 3);
    }

    /** Records {@code ns} in microseconds, clamped: HdrHistogram throws on values past its range (HdrHistogram#96). */
    static void recordNs(Histogram h, long ns) {
        h.recordValue(Math.min(Math.max(ns / 1000, 0), MAX_US));
    }

    /** {@code p50 85 us   p90 ...   max 2.10 ms}, or "no samples". */
    static String text(Histogram h, double[] percentiles) {
        if (h.getTotalCount() == 0) {
            return "no samples";
        }
        StringBuilder s = new StringBuilder();
        for (double p : percentiles) {
            s.append(p == Math.rint(p) ? "p" + (int) p : "p" + p).append(' ')
                    .append(micros(h.getValueAtPercentile(p))).append("   ");
        }
        return s.append("max ").append(micros(h.getMaxValue())).toString();
    }

    /** {@code {"count": n, "p50": us, "p90": us, "p99": us, "p999": us, "max": us}}. */
    static void json(JsonWriter json, Histogram h) {
        json.beginObject()
                .field("count", h.getTotalCount())
                .field("p50", h.getValueAtPercentile(50))
                .field("p90", h.getValueAtPercentile(90))
                .field("p99", h.getValueAtPercentile(99))
                .field("p999", h.getValueAtPercentile(99.9))
                .field("max", h.getMaxValue())
                .endObject();
    }

    /**
     * Writes HdrHistogram's percentile distribution, values in milliseconds as the HdrHistogram plotter
     * (hdrhistogram.github.io/HdrHistogram/plotFiles.html) and wrk2 expect.
     */
    static void writeHgrm(Histogram h, Path file) throws IOException {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
            h.outputPercentileDistribution(out, 1000.0);
            if (out.checkError()) {
                throw new IOException("could not write " + file);
            }
        }
    }

    /** Microseconds, scaled for reading: {@code 85 us}, {@code 2.10 ms}, {@code 1.25 s}. */
    static String micros(long us) {
        if (us < 10_000) {
            return us + " us";
        }
        if (us < 10_000_000) {
            return String.format(Locale.ROOT, "%.2f ms", us / 1000.0);
        }
        return String.format(Locale.ROOT, "%.2f s", us / 1_000_000.0);
    }
}
