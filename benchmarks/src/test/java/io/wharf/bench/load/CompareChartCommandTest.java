package io.wharf.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wharf-bench compare-chart} on an advantage table like the one {@code benchmarks/compare} writes. */
class CompareChartCommandTest {

    @TempDir
    Path dir;

    @Test
    void drawsEveryScenarioWithAGapWhereAPeerHasNoFigure() throws Exception {
        Files.writeString(dir.resolve("advantage.tsv"), "scenario\tpeer\tadvantage\n"
                + "download-1\tvsftpd\t1.09\ndownload-1\tpure-ftpd\t1.13\n"
                + "logins-16\tvsftpd\t70.2\nlogins-16\tpure-ftpd\t262\n"
                + "ftps-small-files-64\tpure-ftpd\t0.80\n");
        WharfFixture.Run run = WharfFixture.bench("compare-chart", dir.toString());
        assertEquals(0, run.code(), run::toString);
        BufferedImage image = ImageIO.read(dir.resolve("compare.png").toFile());
        assertNotNull(image, "a PNG ImageIO can read");
        assertTrue(image.getWidth() >= 1000 && image.getHeight() >= 500, image.getWidth() + "x" + image.getHeight());
    }

    @Test
    void aDirectoryWithoutATableIsAUsageError() {
        WharfFixture.Run run = WharfFixture.bench("compare-chart", dir.toString());
        assertEquals(2, run.code(), run::toString);
        assertTrue(run.err().contains("advantage.tsv does not exist"), run::toString);
    }
}
