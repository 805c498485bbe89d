package io.wharf.server.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a real client (curl, lftp, python) as a process and captures what it printed. */
public final class ExternalProcess {

    /**
     * What a finished process left.
     *
     * @param exitCode its exit code
     * @param output   stdout and stderr, interleaved
     */
    public record Result(int exitCode, String output) {
    }

    private ExternalProcess() {
    }

    /** Runs {@code command} in {@code dir}, waiting at most {@code timeoutSeconds}. */
    public static Result run(Path dir, int timeoutSeconds, List<String> command)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("wharf-proc-", ".log");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertTrue(finished, "timed out after " + timeoutSeconds + " s: " + command + "\n" + output);
            return new Result(process.exitValue(), output);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
