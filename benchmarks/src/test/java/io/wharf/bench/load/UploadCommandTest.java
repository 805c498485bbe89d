package io.wharf.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code wharf-bench upload} against a real in-process Wharf: a smoke test, nothing here is timed. */
@Timeout(30)
class UploadCommandTest {

    private static final long SIZE = 8L << 20;

    @RegisterExtension
    final WharfFixture wharf = new WharfFixture();

    @Test
    void uploadsEachSessionsFileThenDeletesIt() throws Exception {
        Path json = wharf.scratch().resolve("upload.json");
        WharfFixture.Run kept = WharfFixture.bench("upload", wharf.url(), "--sessions", "2", "--size", "8m",
                "--keep", "--json", json.toString());
        assertEquals(0, kept.code(), kept::toString);
        for (int i = 0; i < 2; i++) {
            Path file = wharf.home().resolve("wharf-bench-upload-" + i + ".bin");
            assertEquals(SIZE, Files.size(file), file::toString);
        }
        String result = Files.readString(json);
        assertEquals(0, kept.number(result, "failures"), result);
        assertEquals(2 * SIZE, kept.number(result, "bytes"), result);
        assertEquals(SIZE, kept.number(result, "storedBytes"), result);
        assertTrue(kept.number(result, "aggregateMibPerSecond") > 0, result);
        assertTrue(kept.out().contains("aggregate"), kept::toString);
        assertTrue(kept.out().contains("generator CPU"), kept::toString);

        WharfFixture.Run deleted = WharfFixture.bench("upload", wharf.url(), "--sessions", "2", "--size", "8m");
        assertEquals(0, deleted.code(), deleted::toString);
        for (int i = 0; i < 2; i++) {
            assertFalse(Files.exists(wharf.home().resolve("wharf-bench-upload-" + i + ".bin")), deleted::toString);
        }
    }

    @Test
    void refusedLoginIsOneLineAndExitCode3() {
        WharfFixture.Run run = WharfFixture.bench("upload", wharf.url("wrong"), "--size", "1m");
        assertEquals(Preflight.CANNOT_RUN, run.code(), run::toString);
        assertTrue(run.err().startsWith("wharf-bench: cannot log in to ftp://bench@127.0.0.1:"), run::toString);
        assertTrue(run.err().contains("530"), run::toString);
        assertEquals(1, run.err().lines().count(), run::toString);
        assertFalse(run.err().contains("wrong"), "the password must not be printed");
    }

    @Test
    void badUrlIsAUsageError() {
        WharfFixture.Run run = WharfFixture.bench("upload", "http://example.org/");
        assertEquals(2, run.code(), run::toString);
        assertTrue(run.err().contains("expected ftp://user:pass@host:port"), run::toString);
    }
}
