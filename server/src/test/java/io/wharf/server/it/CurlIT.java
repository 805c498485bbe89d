package io.wharf.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** curl, run as a process, uploads and downloads with every byte intact, over EPSV and over PASV. */
@Timeout(120)
class CurlIT {

    @RegisterExtension
    final WharfServerExtension wharf = new WharfServerExtension().passivePorts(8);

    @ParameterizedTest(name = "disable-epsv={0}")
    @ValueSource(booleans = {false, true})
    void curlUploadsListsAndDownloads(boolean disableEpsv, @TempDir Path tmp) throws Exception {
        Path original = Digests.randomFile(tmp.resolve("upload.bin"), 8L << 20, 11);
        String base = "ftp://127.0.0.1:" + wharf.port() + "/";

        ExternalProcess.Result upload = curl(tmp, disableEpsv, "--ftp-create-dirs", "-T", "upload.bin",
                base + "drop/box/data.bin");
        assertEquals(0, upload.exitCode(), upload.output());
        assertEquals(Digests.sha256(original), Digests.sha256(wharf.home().resolve("drop/box/data.bin")));

        ExternalProcess.Result download = curl(tmp, disableEpsv, "-o", "download.bin", base + "drop/box/data.bin");
        assertEquals(0, download.exitCode(), download.output());
        assertEquals(Digests.sha256(original), Digests.sha256(tmp.resolve("download.bin")));

        ExternalProcess.Result list = curl(tmp, disableEpsv, "-l", base + "drop/box/");
        assertEquals(0, list.exitCode(), list.output());
        assertEquals("data.bin", list.output().trim());

        ExternalProcess.Result missing = curl(tmp, disableEpsv, "-o", "nothing.bin", base + "drop/box/no-such.bin");
        assertEquals(78, missing.exitCode(), "curl: remote file not found expected\n" + missing.output());
        wharf.assertNoLeaks();
    }

    private static ExternalProcess.Result curl(Path dir, boolean disableEpsv, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "60",
                "--user", WharfServerExtension.USER + ":" + WharfServerExtension.PASSWORD));
        if (disableEpsv) {
            command.add("--disable-epsv");
        }
        command.addAll(List.of(args));
        ExternalProcess.Result result = ExternalProcess.run(dir, 90, command);
        assertTrue(result.exitCode() != 127, "curl is not installed (run .ci/run, which installs it)");
        return result;
    }
}
