package io.wharf.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code wharf-bench logins} against a real in-process Wharf: a smoke test, nothing here is timed. */
@Timeout(30)
class LoginsCommandTest {

    @RegisterExtension
    final WharfFixture wharf = new WharfFixture();

    @Test
    void logsInInALoop() throws Exception {
        Path json = wharf.scratch().resolve("logins.json");
        WharfFixture.Run run = WharfFixture.bench("logins", wharf.url(), "--workers", "2", "--duration", "2s",
                "--json", json.toString());
        assertEquals(0, run.code(), run::toString);
        String result = Files.readString(json);
        assertTrue(run.number(result, "sessions") > 0, result);
        assertTrue(run.number(result, "sessionsPerSecond") > 0, result);
        assertEquals(0, run.number(result, "total"), result);          // failures
        assertEquals(2, run.number(result, "workers"), result);
        assertTrue(run.number(result, "p50") > 0, result);
        assertTrue(run.out().contains("login, connect to 230"), run::toString);
        assertTrue(run.out().contains("generator CPU"), run::toString);
    }

    @Test
    void refusedLoginIsOneLineAndExitCode3() {
        WharfFixture.Run run = WharfFixture.bench("logins", wharf.url("wrong"), "--duration", "1s");
        assertEquals(Preflight.CANNOT_RUN, run.code(), run::toString);
        assertTrue(run.err().startsWith("wharf-bench: cannot log in to ftp://bench@127.0.0.1:"), run::toString);
        assertTrue(run.err().contains("530"), run::toString);
        assertEquals(1, run.err().lines().count(), run::toString);
    }
}
