package io.wharf.bench.load;

import java.util.Arrays;

/**
 * A run's throughput over time: the coordinator samples a cumulative counter (operations completed, bytes moved)
 * on its once-a-second wake-up, and the rates between samples become the chart's time series and the JSON's
 * {@code timeline}. Workers never touch it; only the coordinator's thread records, so nothing here is shared and
 * nothing is allocated per operation.
 */
final class Timeline {

    /**
     * A final sample closer than this to the one before is left out: a rate over a few milliseconds after the
     * deadline, taken from a handful of operations, would be noise at the end of the chart.
     */
    static final long MIN_TAIL_NS = 100_000_000L;

    /**
     * Per-second rates, ready to chart or write; {@code seconds[i]} is the end of interval i since the start.
     *
     * @param unit      what {@code perSecond} counts, e.g. {@code files/s}, {@code MiB/s}
     * @param seconds   sample times since the start
     * @param perSecond the rate over the interval that ends at {@code seconds[i]}
     */
    record Rates(String unit, double[] seconds, double[] perSecond) {

        int size() {
            return seconds.length;
        }

        /** {@code "timelineUnit": unit, "timeline": [{"t": 1.0, "perSecond": 123.4}, ...]} into an open object. */
        void json(JsonWriter json) {
            json.field("timelineUnit", unit).name("timeline").beginArray();
            for (int i = 0; i < seconds.length; i++) {
                json.beginObject().field("t", seconds[i]).field("perSecond", perSecond[i]).endObject();
            }
            json.endArray();
        }
    }

    private final String unit;
    private final double unitsPerCount;
    private final long startNs;
    private long[] atNs;
    private long[] totals;
    private int size;

    /**
     * @param unit          the rate's unit, e.g. {@code files/s}
     * @param unitsPerCount converts the counter to that unit, e.g. {@code 1 / ByteSize.MIB} for bytes to MiB
     * @param startNs       the run's start, {@link System#nanoTime()}
     * @param expected      samples to make room for up front (the run's seconds, roughly)
     */
    Timeline(String unit, double unitsPerCount, long startNs, int expected) {
        this.unit = unit;
        this.unitsPerCount = unitsPerCount;
        this.startNs = startNs;
        this.atNs = new long[Math.max(expected, 4)];
        this.totals = new long[atNs.length];
    }

    /** Records the counter's value at {@code nowNs}. Coordinator thread only. */
    void sample(long nowNs, long total) {
        if (size == atNs.length) {
            // A run past its expected length (a slow end, a long grace time): grow, on the coordinator only.
            atNs = Arrays.copyOf(atNs, size * 2);
            totals = Arrays.copyOf(totals, size * 2);
        }
        atNs[size] = nowNs;
        totals[size] = total;
        size++;
    }

    /** The last sample, at the run's end; skipped when it would close an interval shorter than {@link #MIN_TAIL_NS}. */
    void finish(long endNs, long total) {
        long lastNs = size == 0 ? startNs : atNs[size - 1];
        if (size == 0 || endNs - lastNs >= MIN_TAIL_NS) {
            sample(endNs, total);
        }
    }

    Rates rates() {
        double[] seconds = new double[size];
        double[] perSecond = new double[size];
        long prevNs = startNs;
        long prevTotal = 0;
        for (int i = 0; i < size; i++) {
            seconds[i] = (atNs[i] - startNs) / 1e9;
            perSecond[i] = (totals[i] - prevTotal) * unitsPerCount / Math.max((atNs[i] - prevNs) / 1e9, 1e-9);
            prevNs = atNs[i];
            prevTotal = totals[i];
        }
        return new Rates(unit, seconds, perSecond);
    }
}
