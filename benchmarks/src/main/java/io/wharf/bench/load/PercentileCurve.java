package io.wharf.bench.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * A latency percentile distribution as points for a chart: the same points an {@code .hgrm} file lists, or a few
 * read back from a JSON result ({@code p50}, {@code p90}, ...) when that is all there is.
 *
 * @param percentiles from 0 to below 100, rising
 * @param millis      the latency at each percentile, milliseconds
 */
record PercentileCurve(double[] percentiles, double[] millis) {

    /** Points per halving of the distance to 100%, as HdrHistogram's own percentile output uses. */
    private static final int TICKS_PER_HALF_DISTANCE = 5;

    PercentileCurve {
        if (percentiles.length != millis.length) {
            throw new IllegalArgumentException(percentiles.length + " percentiles but " + millis.length + " values");
        }
    }

    /** The curve of a histogram in microseconds; empty when it holds no samples. */
    static PercentileCurve of(Histogram us) {
        if (us.getTotalCount() == 0) {
            return new PercentileCurve(new double[0], new double[0]);
        }
        int n = 0;
        for (HistogramIterationValue v : us.percentiles(TICKS_PER_HALF_DISTANCE)) {
            n += v.getPercentileLevelIteratedTo() < 100 ? 1 : 0;
        }
        double[] percentiles = new double[n];
        double[] millis = new double[n];
        int i = 0;
        for (HistogramIterationValue v : us.percentiles(TICKS_PER_HALF_DISTANCE)) {
            // 100% lies at infinity on the chart's 1/(1-p) axis; the point before it already shows the maximum.
            if (i < n && v.getPercentileLevelIteratedTo() < 100) {
                percentiles[i] = v.getPercentileLevelIteratedTo();
                millis[i] = us.highestEquivalentValue(v.getValueIteratedTo()) / 1000.0;
                i++;
            }
        }
        return new PercentileCurve(percentiles, millis);
    }

    int size() {
        return percentiles.length;
    }

    /** The chart's x for a percentile: log10(1/(1-p)), the count of nines, so 90% is 1, 99% is 2, 99.9% is 3. */
    static double nines(double percentile) {
        return Math.log10(100 / (100 - percentile));
    }
}
