package io.wharf.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code wharf-bench mixed} against a real in-process Wharf: a smoke test, nothing here is timed. */
@Timeout(30)
class MixedCommandTest {

    /** Equal weights: each session makes hundreds of picks in 2 s, so every kind comes up many times. */
    private static final String EVERY_KIND = "list=1,mlsd=1,get-small=1,put-small=1,get-large=1,put-large=1,login=1";
    private static final int SESSIONS = 4;
    private static final int SMALL_BYTES = 10 * 1024;
    private static final int LARGE_BYTES = 1 << 20;

    @RegisterExtension
    final WharfFixture wharf = new WharfFixture();

    @Test
    void everyKindRunsAndUploadsLandWhole() throws Exception {
        Path json = wharf.scratch().resolve("mixed.json");
        Path hgrm = wharf.scratch().resolve("mixed.hgrm");
        WharfFixture.Run run = WharfFixture.bench("mixed", wharf.url(), "--sessions", Integer.toString(SESSIONS),
                "--duration", "2s", "--mix", EVERY_KIND, "--small-size", "10k", "--large-size", "1m",
                "--list-entries", "20", "--keep", "--json", json.toString(), "--hgrm", hgrm.toString());
        assertEquals(0, run.code(), run::toString);

        Map<String, Object> result = TestJson.parseObject(Files.readString(json));
        assertEquals(0, TestJson.number(result, "failures", "total"), run::toString);
        long sum = 0;
        for (MixedOp op : MixedOp.ALL) {
            double ops = TestJson.number(result, "kinds", op.label(), "ops");
            assertTrue(ops > 0, op.label() + " never completed: " + result);
            assertEquals(ops, TestJson.number(result, "kinds", op.label(), "latencyUs", "count"), op.label());
            assertEquals(0, TestJson.number(result, "kinds", op.label(), "failed"), op.label());
            assertTrue(Files.readString(wharf.scratch().resolve("mixed-" + op.label() + ".hgrm"))
                    .contains("Percentile"), op.label() + " hgrm");
            assertTrue(run.out().contains("\n  " + op.label() + " "), "a table row for " + op.label());
            sum += (long) ops;
        }
        assertEquals(TestJson.number(result, "ops"), sum, "the kinds add up to the total");
        assertTrue(TestJson.number(result, "mibPerSecond") > 0, result::toString);
        assertEquals("kept", TestJson.get(result, "cleanup"));

        Path tree = wharf.home().resolve("wharf-bench-mixed");
        try (Stream<Path> entries = Files.list(tree.resolve("list"))) {
            assertEquals(20, entries.count(), "listing entries");
        }
        assertEquals(LARGE_BYTES, Files.size(tree.resolve("get/large.bin")));
        for (int s = 0; s < SESSIONS; s++) {
            assertEquals(SMALL_BYTES, Files.size(tree.resolve("put/s" + s + ".bin")), "session " + s + " small");
            assertEquals(LARGE_BYTES, Files.size(tree.resolve("put/s" + s + "-large.bin")), "session " + s + " large");
            assertFalse(Files.exists(tree.resolve("put/s" + s + ".part")), "renamed into place");
        }
    }

    @Test
    void removesWhatItMade() throws Exception {
        Path json = wharf.scratch().resolve("mixed-default.json");
        Path png = wharf.scratch().resolve("mixed.png");
        WharfFixture.Run run = WharfFixture.bench("mixed", wharf.url(), "--sessions", "2", "--duration", "500ms",
                "--large-size", "256k", "--pasv", "--json", json.toString(), "--chart", png.toString());
        assertEquals(0, run.code(), run::toString);
        ChartWriterTest.assertPng(png);
        Map<String, Object> result = TestJson.parseObject(Files.readString(json));
        assertEquals(OperationMix.DEFAULT, TestJson.get(result, "mix"));
        assertTrue(((String) TestJson.get(result, "cleanup")).startsWith("removed "), result::toString);
        assertTrue(run.out().contains("via PASV"), run::toString);
        try (Stream<Path> left = Files.list(wharf.home())) {
            assertEquals(0, left.count(), "the directory and every file in it are removed");
        }
    }
}
