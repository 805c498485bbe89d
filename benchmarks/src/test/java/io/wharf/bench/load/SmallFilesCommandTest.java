package io.wharf.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code wharf-bench small-files} against a real in-process Wharf: a smoke test, nothing here is timed. */
@Timeout(30)
class SmallFilesCommandTest {

    @RegisterExtension
    final WharfFixture wharf = new WharfFixture();

    @Test
    void downloadsInALoopAndReportsPercentiles() throws Exception {
        Path json = wharf.scratch().resolve("small.json");
        Path hgrm = wharf.scratch().resolve("small.hgrm");
        Path png = wharf.scratch().resolve("small.png");
        WharfFixture.Run run = WharfFixture.bench("small-files", wharf.url(), "--sessions", "4", "--duration", "2s",
                "--json", json.toString(), "--hgrm", hgrm.toString(), "--chart", png.toString(), "--progress");
        assertEquals(0, run.code(), run::toString);
        String result = Files.readString(json);
        assertTrue(run.number(result, "files") > 0, result);
        assertTrue(run.number(result, "filesPerSecond") > 0, result);
        assertEquals(0, run.number(result, "total"), result);          // failures
        assertEquals(4096, run.number(result, "fileBytes"), result);
        assertTrue(run.number(result, "p50") > 0, result);
        assertTrue(run.number(result, "max") >= run.number(result, "p99"), result);
        assertTrue(Files.readString(hgrm).contains("Percentile"), "hgrm header");
        ChartWriterTest.assertPng(png);
        assertTrue(result.contains("\"timelineUnit\": \"files/s\""), result);
        assertTrue(run.number(result, "perSecond") > 0, "a timeline sample: " + result);
        assertTrue(result.contains("\"targetPerSecond\": null"), "closed loop: " + result);
        assertTrue(run.out().contains("latency, EPSV to 226"), run::toString);
        assertTrue(run.err().contains("[small-files] 1/2 s"), "one progress line a second: " + run.err());
        assertFalse(Files.exists(wharf.home().resolve("wharf-bench-small.bin")), "the shared file is deleted");
    }

    @Test
    void keepsToTheTargetRate() throws Exception {
        Path json = wharf.scratch().resolve("small-rate.json");
        WharfFixture.Run run = WharfFixture.bench("small-files", wharf.url(), "--sessions", "4", "--duration", "2s",
                "--rate", "50", "--json", json.toString());
        assertEquals(0, run.code(), run::toString);
        String result = Files.readString(json);
        double files = run.number(result, "files");
        // A closed loop on loopback does thousands of files a second; the upper bound is what proves the pacing.
        assertTrue(files >= 60 && files <= 110, "50/s for 2 s is 100 files: " + result);
        assertEquals(50, run.number(result, "targetPerSecond"), result);
        assertTrue(run.number(result, "achievedPerSecond") > 30, result);
        assertTrue(run.number(result, "notStarted") >= 0, result);
        assertTrue(run.out().contains("target rate"), run::toString);
        assertTrue(run.err().contains("for 2 s at 50/s"), run::toString);
    }

    @Test
    void rateMustBePositive() {
        WharfFixture.Run run = WharfFixture.bench("small-files", wharf.url(), "--rate", "0");
        assertEquals(2, run.code(), run::toString);
        assertTrue(run.err().contains("--rate must be positive"), run::toString);
    }

    @Test
    void uploadsWithPasv() throws Exception {
        Path json = wharf.scratch().resolve("small-up.json");
        WharfFixture.Run run = WharfFixture.bench("small-files", wharf.url(), "--direction", "up", "--pasv",
                "--sessions", "2", "--size", "10k", "--duration", "1s", "--json", json.toString());
        assertEquals(0, run.code(), run::toString);
        String result = Files.readString(json);
        assertTrue(run.number(result, "files") > 0, result);
        assertEquals(0, run.number(result, "total"), result);
        assertTrue(result.contains("\"cleanup\": \"deleted 2 files\""), result);
        assertTrue(run.out().contains("latency, PASV to 226"), run::toString);
        try (var left = Files.list(wharf.home())) {
            assertEquals(0, left.count(), "every uploaded file is deleted");
        }
    }

    @Test
    void unreachablePortIsOneLineAndExitCode3() throws Exception {
        int port = WharfFixture.closedPort();
        WharfFixture.Run run = WharfFixture.bench("small-files", "ftp://bench:x@127.0.0.1:" + port, "--duration", "1s");
        assertEquals(Preflight.CANNOT_RUN, run.code(), run::toString);
        assertTrue(run.err().startsWith("wharf-bench: cannot log in to ftp://bench@127.0.0.1:" + port), run::toString);
        assertTrue(run.err().contains("Connection refused"), run::toString);
        assertEquals(1, run.err().lines().count(), run::toString);
    }
}
