package io.wharf.server.interop;

import static io.wharf.server.interop.Interop.KEEP;
import static io.wharf.server.interop.Interop.SIZE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.server.it.Digests;
import io.wharf.server.it.ExternalProcess;
import io.wharf.server.it.WharfServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * curl, run as a process, in all four data modes: EPSV ({@code --ftp-pasv}), PASV ({@code --disable-epsv}), EPRT
 * ({@code -P 127.0.0.1}) and PORT ({@code -P 127.0.0.1 --disable-eprt}). Each curl run is one session; what it sent
 * comes from {@code -v}, where every command is a {@code > } line.
 */
@Timeout(90)
class CurlMatrixIT {

    private static final Pattern COMMAND = Pattern.compile("> (.+)");

    @RegisterExtension
    final WharfServerExtension wharf = new WharfServerExtension().passivePorts(16);

    @TempDir
    Path tmp;

    private final StringBuilder transcript = new StringBuilder();

    @ParameterizedTest(name = "{0}")
    @EnumSource(DataMode.class)
    void mkdirUploadListDownloadDelete(DataMode mode) throws Exception {
        Path original = Digests.randomFile(tmp.resolve("original.bin"), SIZE, 11);

        curl(mode, "-Q", "MKD inbound", "-o", "root.txt", url(""));
        assertTrue(Files.isDirectory(wharf.home().resolve("inbound")));
        assertTrue(Files.readString(tmp.resolve("root.txt")).contains("inbound"), "LIST / after MKD");

        curl(mode, "--ftp-create-dirs", "-T", "original.bin", url("inbound/deeper/data.bin"));
        assertEquals(Digests.sha256(original), Digests.sha256(wharf.home().resolve("inbound/deeper/data.bin")));

        curl(mode, "-o", "long.txt", url("inbound/deeper/"));
        String listing = Files.readString(tmp.resolve("long.txt"));
        assertTrue(listing.matches("(?s)-\\S+\\s+1\\s+\\S+\\s+\\S+\\s+" + SIZE + " .* data\\.bin\\r?\\n"), listing);
        curl(mode, "-l", "-o", "names.txt", url("inbound/deeper/"));
        assertEquals("data.bin", Files.readString(tmp.resolve("names.txt")).trim());

        curl(mode, "-o", "copy.bin", url("inbound/deeper/data.bin"));
        assertEquals(Digests.sha256(original), Digests.sha256(tmp.resolve("copy.bin")));

        curl(mode, "-Q", "-DELE /inbound/deeper/data.bin", "-l", "-o", "before-dele.txt", url("inbound/deeper/"));
        assertTrue(Files.notExists(wharf.home().resolve("inbound/deeper/data.bin")));
        curl(mode, "-l", "-o", "after-dele.txt", url("inbound/deeper/"));
        assertEquals("", Files.readString(tmp.resolve("after-dele.txt")).trim());
        finish(mode);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DataMode.class)
    void rename(DataMode mode) throws Exception {
        Path before = Digests.randomFile(wharf.home().resolve("before.bin"), 100_000, 12);
        String sha = Digests.sha256(before);

        curl(mode, "-Q", "-RNFR /before.bin", "-Q", "-RNTO /after.bin", "-l", "-o", "names.txt", url(""));
        assertTrue(Files.notExists(before));
        assertEquals(sha, Digests.sha256(wharf.home().resolve("after.bin")));
        curl(mode, "-l", "-o", "names.txt", url(""));
        assertEquals("after.bin", Files.readString(tmp.resolve("names.txt")).trim());
        finish(mode);
    }

    /** {@code -C - -T}: curl asks SIZE, which reports the hidden partial, and sends only the rest with APPE. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(DataMode.class)
    void resumeAnInterruptedUpload(DataMode mode) throws Exception {
        Path original = Digests.randomFile(tmp.resolve("original.bin"), SIZE, 13);
        Interop.interruptedUpload(wharf, "inbound/resume.bin", original, KEEP);
        curl(mode, "-l", "-o", "names.txt", url("inbound/"));
        Interop.assertNotListed(Files.readString(tmp.resolve("names.txt")), "resume.bin");

        String output = curl(mode, "-C", "-", "-T", "original.bin", "-w", "\\nsize_upload=%{size_upload}\\n",
                url("inbound/resume.bin"));
        assertEquals(Digests.sha256(original), Digests.sha256(wharf.home().resolve("inbound/resume.bin")));
        assertEquals(SIZE - KEEP, number(output, "size_upload"), "curl must send only the missing bytes");
        assertEquals(List.of("APPE resume.bin"), Interop.transfers(Interop.sent(output, COMMAND)), output);
        Interop.assertNoHiddenUploads(wharf.home());
        finish(mode);
    }

    /** {@code -C - -o}: curl continues from the local file's length with REST. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(DataMode.class)
    void resumeAnInterruptedDownload(DataMode mode) throws Exception {
        Path original = Digests.randomFile(tmp.resolve("original.bin"), SIZE, 14);
        Files.createDirectories(wharf.home().resolve("outbound"));
        Files.copy(original, wharf.home().resolve("outbound/data.bin"));
        Path partial = Interop.prefix(original, KEEP, tmp.resolve("partial.bin"));

        String output = curl(mode, "-C", "-", "-o", "partial.bin", "-w", "\\nsize_download=%{size_download}\\n",
                url("outbound/data.bin"));
        assertEquals(Digests.sha256(original), Digests.sha256(partial));
        assertEquals(SIZE - KEEP, number(output, "size_download"), "curl must fetch only the missing bytes");
        Interop.assertResumedAt(KEEP, Interop.sent(output, COMMAND), output);
        finish(mode);
    }

    private String url(String path) {
        return "ftp://127.0.0.1:" + wharf.port() + "/" + path;
    }

    /** Runs curl in {@code mode}, asserts it succeeded, and returns its verbose output. */
    private String curl(DataMode mode, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-v", "--max-time", "30",
                "--connect-timeout", "10", "--user", WharfServerExtension.USER + ":" + WharfServerExtension.PASSWORD));
        command.addAll(switch (mode) {
            case EPSV -> List.of("--ftp-pasv");
            case PASV -> List.of("--ftp-pasv", "--disable-epsv");
            case EPRT -> List.of("-P", "127.0.0.1");
            case PORT -> List.of("-P", "127.0.0.1", "--disable-eprt");
        });
        command.addAll(List.of(args));
        ExternalProcess.Result result = Interop.succeeded(Interop.run(tmp, command));
        transcript.append("$ ").append(String.join(" ", command)).append('\n').append(result.output());
        return result.output();
    }

    private static long number(String output, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "=(\\d+)$").matcher(output);
        assertTrue(m.find(), name + " missing from curl's output:\n" + output);
        return Long.parseLong(m.group(1));
    }

    private void finish(DataMode mode) {
        String all = transcript.toString();
        Interop.assertDataMode(mode, Interop.sent(all, COMMAND), all);
        wharf.assertNoLeaks();
    }
}
