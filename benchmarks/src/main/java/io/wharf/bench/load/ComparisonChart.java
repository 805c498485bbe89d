package io.wharf.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Chart panels with one series per named run, so that several servers (or one run's several latencies) share a
 * set of axes: throughput over time, latency percentile curves, and one figure per name as bars. A single run's
 * chart is the same panel with one name. Series without points are left out. Write panels with
 * {@link ChartWriter}.
 */
final class ComparisonChart {

    /** One panel's size in pixels. */
    static final int WIDTH = 800;
    static final int HEIGHT = 500;

    static {
        ChartWriter.useHeadlessAwt();
    }

    private ComparisonChart() {
    }

    /** Throughput over time: a line per name, x in seconds since the start, y in {@code unit}. */
    static XYChart timelines(String title, String unit, Map<String, Timeline.Rates> byName) {
        XYChart chart = xy(title, "seconds since start", unit);
        double maxSeconds = 1;
        double maxRate = 0;
        int maxSamples = 0;
        for (Map.Entry<String, Timeline.Rates> e : byName.entrySet()) {
            Timeline.Rates rates = e.getValue();
            if (rates.size() > 0) {
                chart.addSeries(e.getKey(), rates.seconds(), rates.perSecond()).setMarker(SeriesMarkers.CIRCLE);
                maxSeconds = Math.max(maxSeconds, rates.seconds()[rates.size() - 1]);
                maxRate = Math.max(maxRate, max(rates.perSecond()));
                maxSamples = Math.max(maxSamples, rates.size());
            }
        }
        chart.getStyler().setXAxisMin(0.0);
        if (maxSamples < 2) {
            // XChart cannot space ticks over the zero-width range of a run with a single sample.
            chart.getStyler().setXAxisMax(Math.ceil(maxSeconds));
        }
        yFromZero(chart.getStyler(), maxRate);
        return chart;
    }

    /**
     * Latency by percentile, a curve per name, on HdrHistogram's usual axes: x is 1/(1-p) on a log scale, so the
     * decades read 0%, 90%, 99%, 99.9%, and the tail gets as much room as the median; y in milliseconds.
     */
    static XYChart percentiles(String title, Map<String, PercentileCurve> byName) {
        XYChart chart = xy(title, "percentile", "milliseconds");
        double maxX = 1;
        double maxMillis = 0;
        for (Map.Entry<String, PercentileCurve> e : byName.entrySet()) {
            PercentileCurve curve = e.getValue();
            if (curve.size() == 0) {
                continue;
            }
            double[] x = new double[curve.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = PercentileCurve.nines(curve.percentiles()[i]);
                maxX = Math.max(maxX, x[i]);
            }
            chart.addSeries(e.getKey(), x, curve.millis()).setMarker(SeriesMarkers.NONE);
            maxMillis = Math.max(maxMillis, max(curve.millis()));
        }
        // XChart's log axis ignores a custom tick formatter (Axis.getAxisTickCalculatorForX picks the formatter's
        // linear ticks first), so the axis is linear in log10(1/(1-p)) and the labels turn it back into percent.
        XYStyler styler = chart.getStyler();
        styler.setXAxisMin(0.0);
        styler.setXAxisMax(Math.ceil(maxX - 1e-9));
        styler.setxAxisTickLabelsFormattingFunction(ComparisonChart::percentLabel);
        yFromZero(styler, maxMillis);
        return chart;
    }

    /** One bar per name, e.g. files per second of each server, or MiB/s of each session. */
    static Chart<?, ?> bars(String title, String unit, Map<String, Double> byName) {
        if (byName.isEmpty()) {
            return xy(title, "", unit);          // XChart cannot paint a category chart without categories
        }
        CategoryChart chart = new CategoryChart(WIDTH, HEIGHT);
        chart.setTitle(title);
        chart.setYAxisTitle(unit);
        CategoryStyler styler = chart.getStyler();
        double maxValue = 0;
        for (double v : byName.values()) {
            maxValue = Math.max(maxValue, v);
        }
        yFromZero(styler, maxValue);
        styler.setYAxisDecimalPattern("#,##0.#");
        styler.setLegendVisible(false);
        styler.setChartTitleBoxVisible(false);
        chart.addSeries(unit, new ArrayList<>(byName.keySet()), new ArrayList<>(byName.values()));
        return chart;
    }

    /**
     * Grouped bars: for each scenario, one bar per peer of how many times better Wharf did there, drawn as its
     * base-2 logarithm (0 is level, 1 twice as good, -1 half as good), from {@code benchmarks/compare}'s advantage
     * table. A logarithm, because a login ratio in the hundreds and a throughput ratio near 1 share the chart, and
     * by hand, because XChart's logarithmic axis refuses bars; a missing value (a peer that failed the scenario)
     * leaves a gap.
     */
    static CategoryChart advantage(String title, List<String> scenarios, Map<String, List<Double>> byPeer,
                                   int width, int height) {
        CategoryChart chart = new CategoryChart(width, height);
        chart.setTitle(title);
        chart.setYAxisTitle("log2(Wharf / peer): 0 level, 1 twice as good, -1 half");
        CategoryStyler styler = chart.getStyler();
        styler.setYAxisDecimalPattern("0.#");
        styler.setChartTitleBoxVisible(false);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setXAxisLabelRotation(30);
        styler.setOverlapped(false);
        for (Map.Entry<String, List<Double>> peer : byPeer.entrySet()) {
            List<Double> log2 = new ArrayList<>();
            for (Double ratio : peer.getValue()) {
                log2.add(ratio == null || ratio <= 0 ? null : Math.log(ratio) / Math.log(2));
            }
            chart.addSeries("vs " + peer.getKey(), scenarios, log2);
        }
        return chart;
    }

    /**
     * The tick label at {@code nines} = log10(1/(1-p)): {@code 0%}, {@code 90%}, {@code 99%}, {@code 99.9%}, with
     * as many decimals as the decade needs. Distinct for distinct ticks: XChart widens the tick spacing until its
     * labels are unique, and loops forever if they never are.
     */
    static String percentLabel(double nines) {
        int decimals = (int) Math.max(0, Math.min(12, Math.ceil(nines - 1e-9) - 2));
        return String.format(Locale.ROOT, "%." + decimals + "f%%", 100 - 100 * Math.pow(10, -nines));
    }

    /**
     * The y axis from 0 to a little above the largest value. Left to itself, XChart puts ticks only at the data
     * when 0, the data and the top are evenly spaced, as they are for a single value: two labels and no grid.
     */
    private static void yFromZero(AxesChartStyler styler, double maxValue) {
        styler.setYAxisMin(0.0);
        styler.setYAxisMax(maxValue > 0 ? maxValue * 1.05 : 1.0);
    }

    private static double max(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    private static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChart(WIDTH, HEIGHT);
        chart.setTitle(title);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        XYStyler styler = chart.getStyler();
        styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        styler.setYAxisDecimalPattern("#,##0.###");
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setChartTitleBoxVisible(false);
        styler.setMarkerSize(5);
        return chart;
    }
}
