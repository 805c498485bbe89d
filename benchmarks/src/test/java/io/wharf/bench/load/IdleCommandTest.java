package io.wharf.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code wharf-bench idle} over plain FTP against a real in-process Wharf, probing the memory of this very JVM
 * (the server runs in it): a smoke test of the scenario and of the probe, nothing here is timed.
 */
@Timeout(60)
class IdleCommandTest {

    private static final int SESSIONS = 200;

    @RegisterExtension
    final WharfFixture wharf = new WharfFixture();

    @Test
    void holdsEverySessionAndMeasuresTheServerProcess() throws Exception {
        Path json = wharf.scratch().resolve("idle.json");
        Path png = wharf.scratch().resolve("idle.png");
        WharfFixture.Run run = WharfFixture.bench("idle", wharf.url(), "--sessions", Integer.toString(SESSIONS),
                "--loops", "2", "--hold", "2s", "--noop-interval", "500ms",
                "--pid", Long.toString(ProcessHandle.current().pid()),
                "--json", json.toString(), "--chart", png.toString());
        assertEquals(0, run.code(), run::toString);
        Map<String, Object> result = TestJson.parseObject(Files.readString(json));
        assertEquals(SESSIONS, TestJson.number(result, "sessionsHeld"), run::toString);
        assertEquals(null, TestJson.get(result, "tls"), "plain FTP");
        assertTrue(run.out().contains("NOOP round trip"), run::toString);
        assertTrue(run.out().matches("(?s).*server RSS\\s+[0-9.]+ MiB before, [0-9.]+ MiB held.*"),
                "the probe read /proc for the server's process: " + run.out());
        ChartWriterTest.assertPng(png);
    }

    @Test
    void wrongPasswordStopsBeforeOpeningAnySession() {
        WharfFixture.Run run = WharfFixture.bench("idle", wharf.url("wrong"), "--sessions", "1000");
        assertEquals(Preflight.CANNOT_RUN, run.code(), run::toString);
        assertTrue(run.err().contains("530"), run::toString);
    }
}
