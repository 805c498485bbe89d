package io.wharf.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code wharf-bench download} against a real in-process Wharf: a smoke test, nothing here is timed. */
@Timeout(30)
class DownloadCommandTest {

    @RegisterExtension
    final WharfFixture wharf = new WharfFixture();

    @Test
    void fetchesTheFileInParallelAndCharts() throws Exception {
        Path json = wharf.scratch().resolve("download.json");
        Path png = wharf.scratch().resolve("download.png");
        WharfFixture.Run run = WharfFixture.bench("download", wharf.url(), "--file", "big.bin", "--create", "16m",
                "--sessions", "2", "--json", json.toString(), "--chart", png.toString());
        assertEquals(0, run.code(), run::toString);
        String result = Files.readString(json);
        assertEquals(0, run.number(result, "failures"), result);
        assertTrue(result.contains("\"bytes\": " + 2 * (16 << 20)), result);
        assertTrue(result.contains("\"timelineUnit\": \"MiB/s\""), result);
        assertTrue(run.number(result, "perSecond") > 0, "at least the final sample: " + result);
        ChartWriterTest.assertPng(png);
    }
}
