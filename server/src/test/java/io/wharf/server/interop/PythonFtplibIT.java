package io.wharf.server.interop;

import static io.wharf.server.interop.Interop.KEEP;
import static io.wharf.server.interop.Interop.SIZE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.server.it.Digests;
import io.wharf.server.it.ExternalProcess;
import io.wharf.server.it.WharfServerExtension;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Python's stdlib ftplib, run as a process ({@code interop/ftplib_client.py}) in PASV and in PORT mode
 * ({@code set_pasv(False)}); over IPv4 ftplib sends no EPSV or EPRT. Its debug level 1 names every command sent.
 */
@Timeout(60)
class PythonFtplibIT {

    private static final Pattern COMMAND = Pattern.compile("\\*cmd\\* '(.+)'");

    @RegisterExtension
    final WharfServerExtension wharf = new WharfServerExtension().passivePorts(16);

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DataMode.class, names = {"PASV", "PORT"})
    void mkdirUploadListDownloadDelete(DataMode mode) throws Exception {
        Path original = Digests.randomFile(tmp.resolve("original.bin"), SIZE, 31);

        ftplib(mode, "mkd inbound", "put original.bin inbound/data.bin");
        assertTrue(Files.isDirectory(wharf.home().resolve("inbound")));
        assertEquals(Digests.sha256(original), Digests.sha256(wharf.home().resolve("inbound/data.bin")));

        ftplib(mode, "nlst inbound names.txt", "list inbound long.txt", "get inbound/data.bin copy.bin",
                "dele inbound/data.bin", "nlst inbound after.txt");
        assertEquals("data.bin", Files.readString(tmp.resolve("names.txt")).trim());
        String listing = Files.readString(tmp.resolve("long.txt"));
        assertTrue(listing.matches("(?s)-\\S+\\s+1\\s+\\S+\\s+\\S+\\s+" + SIZE + " .* data\\.bin\\n"), listing);
        assertEquals(Digests.sha256(original), Digests.sha256(tmp.resolve("copy.bin")));
        assertTrue(Files.notExists(wharf.home().resolve("inbound/data.bin")), "dele");
        assertEquals("", Files.readString(tmp.resolve("after.txt")).trim());
        wharf.assertNoLeaks();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DataMode.class, names = {"PASV", "PORT"})
    void rename(DataMode mode) throws Exception {
        Path before = Digests.randomFile(wharf.home().resolve("before.bin"), 100_000, 32);
        String sha = Digests.sha256(before);

        ftplib(mode, "rename before.bin after.bin", "nlst / names.txt");
        assertTrue(Files.notExists(before));
        assertEquals(sha, Digests.sha256(wharf.home().resolve("after.bin")));
        assertEquals("after.bin", Files.readString(tmp.resolve("names.txt")).trim());
        wharf.assertNoLeaks();
    }

    /** SIZE reports the hidden partial; {@code storbinary(..., rest=size)} sends REST + STOR with the rest. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DataMode.class, names = {"PASV", "PORT"})
    void resumeAnInterruptedUpload(DataMode mode) throws Exception {
        Path original = Digests.randomFile(tmp.resolve("original.bin"), SIZE, 33);
        Interop.interruptedUpload(wharf, "inbound/resume.bin", original, KEEP);

        String output = ftplib(mode, "nlst inbound names.txt", "resume-put original.bin inbound/resume.bin");
        Interop.assertNotListed(Files.readString(tmp.resolve("names.txt")), "resume.bin");
        assertEquals(Digests.sha256(original), Digests.sha256(wharf.home().resolve("inbound/resume.bin")));
        Interop.assertResumedAt(KEEP, Interop.sent(output, COMMAND), output);
        Interop.assertNoHiddenUploads(wharf.home());
        wharf.assertNoLeaks();
    }

    /** {@code transfercmd("RETR x", rest=K)} appending to the K bytes an interrupted download left. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DataMode.class, names = {"PASV", "PORT"})
    void resumeAnInterruptedDownload(DataMode mode) throws Exception {
        Path original = Digests.randomFile(tmp.resolve("original.bin"), SIZE, 34);
        Files.createDirectories(wharf.home().resolve("outbound"));
        Files.copy(original, wharf.home().resolve("outbound/data.bin"));
        Path partial = Interop.prefix(original, KEEP, tmp.resolve("partial.bin"));

        String output = ftplib(mode, "resume-get outbound/data.bin partial.bin");
        assertEquals(Digests.sha256(original), Digests.sha256(partial));
        Interop.assertResumedAt(KEEP, Interop.sent(output, COMMAND), output);
        wharf.assertNoLeaks();
    }

    /** Runs the script with {@code ops} in one session in {@code mode}; asserts it succeeded in that mode only. */
    private String ftplib(DataMode mode, String... ops) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3", script().toString(), String.valueOf(wharf.port()),
                WharfServerExtension.USER, WharfServerExtension.PASSWORD, mode.active() ? "active" : "passive"));
        command.addAll(List.of(ops));
        ExternalProcess.Result result = Interop.succeeded(Interop.run(tmp, command));
        Interop.assertDataMode(mode, Interop.sent(result.output(), COMMAND), result.output());
        return result.output();
    }

    private static Path script() throws URISyntaxException {
        return Path.of(PythonFtplibIT.class.getResource("/interop/ftplib_client.py").toURI());
    }
}
