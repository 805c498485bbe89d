package io.wharf.bench.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Charts drawn headless into PNGs, from real data and from none. */
@Timeout(20)                       // XChart loops until its tick labels are distinct; a bad label function hangs it
class ChartWriterTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** Asserts {@code file} is a PNG that ImageIO reads as two chart panels side by side under a heading. */
    static BufferedImage assertPng(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, PNG_SIGNATURE.length), "PNG signature");
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, "ImageIO can read " + file);
        assertEquals(2 * ComparisonChart.WIDTH, image.getWidth());
        assertEquals(ComparisonChart.HEIGHT + 36, image.getHeight());
        return image;
    }

    @Test
    void comparesSeveralRunsAndToleratesEmptyOnes(@TempDir Path dir) throws IOException {
        Histogram fast = Percentiles.histogram();
        Histogram slow = Percentiles.histogram();
        for (int i = 1; i <= 10_000; i++) {
            fast.recordValue(100 + i % 50);
            slow.recordValue(200 + i % 500);
        }
        Map<String, PercentileCurve> curves = new LinkedHashMap<>();
        curves.put("wharf", PercentileCurve.of(fast));
        curves.put("other", PercentileCurve.of(slow));
        curves.put("no samples", PercentileCurve.of(Percentiles.histogram()));
        Map<String, Timeline.Rates> timelines = new LinkedHashMap<>();
        timelines.put("wharf", new Timeline.Rates("files/s", new double[] {1, 2, 3}, new double[] {900, 950, 940}));
        timelines.put("other", new Timeline.Rates("files/s", new double[0], new double[0]));
        Path png = dir.resolve("compare.png");
        ChartWriter.write(png, "two servers", ComparisonChart.timelines("throughput", "files/s", timelines),
                ComparisonChart.percentiles("latency", curves));
        assertPng(png);

        Path empty = dir.resolve("empty.png");
        ChartWriter.write(empty, "nothing measured", ComparisonChart.timelines("throughput", "files/s", Map.of()),
                ComparisonChart.bars("per server", "files/s", Map.of()));
        assertPng(empty);

        Histogram one = Percentiles.histogram();
        one.recordValue(1234);
        Path single = dir.resolve("single.png");
        ChartWriter.write(single, "one sample each",
                ComparisonChart.timelines("throughput", "MiB/s",
                        Map.of("MiB/s", new Timeline.Rates("MiB/s", new double[] {0.3}, new double[] {640}))),
                ComparisonChart.percentiles("latency", Map.of("one", PercentileCurve.of(one))));
        assertPng(single);
    }

    @Test
    void percentileCurveEndsAtTheMaximumBeforeInfinity() {
        Histogram h = Percentiles.histogram();
        for (int i = 1; i <= 1000; i++) {
            h.recordValue(i);
        }
        PercentileCurve curve = PercentileCurve.of(h);
        double[] p = curve.percentiles();
        assertEquals(0, curve.millis()[0], 0.0011);
        assertEquals(h.getMaxValue() / 1000.0, curve.millis()[curve.size() - 1], 0.001);
        for (int i = 1; i < p.length; i++) {
            assertEquals(true, p[i] > p[i - 1] && p[i] < 100, "rising, below 100: " + Arrays.toString(p));
        }
    }

    @Test
    void percentileAxisReadsLikeHdrHistogramPlots() {
        assertEquals("0%", ComparisonChart.percentLabel(0));
        assertEquals("68%", ComparisonChart.percentLabel(0.5));
        assertEquals("90%", ComparisonChart.percentLabel(1));
        assertEquals("99%", ComparisonChart.percentLabel(2));
        assertEquals("99.4%", ComparisonChart.percentLabel(2.2));
        assertEquals("99.9%", ComparisonChart.percentLabel(3));
        assertEquals("99.999%", ComparisonChart.percentLabel(5));
        assertEquals(3, PercentileCurve.nines(99.9), 1e-9);
    }
}
