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
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * lftp, run non-interactively ({@code lftp -c}) in PASV, EPSV ({@code ftp:prefer-epsv}) and PORT
 * ({@code ftp:passive-mode off}; lftp sends EPRT only over IPv6). {@code debug 5} puts every command on a
 * {@code --->} line; listings go to local files through lftp's own {@code >} redirection ({@code cls -B}, as
 * {@code cls dir} prints {@code dir/name}).
 */
@Timeout(90)
class LftpIT {

    private static final Pattern COMMAND = Pattern.compile("---> (.+)");

    @RegisterExtension
    final WharfServerExtension wharf = new WharfServerExtension().passivePorts(16);

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DataMode.class, names = {"PASV", "EPSV", "PORT"})
    void mkdirUploadListDownloadDelete(DataMode mode) throws Exception {
        Path original = Digests.randomFile(tmp.resolve("original.bin"), SIZE, 21);

        lftp(mode, "mkdir inbound", "put original.bin -o inbound/data.bin");
        assertTrue(Files.isDirectory(wharf.home().resolve("inbound")));
        assertEquals(Digests.sha256(original), Digests.sha256(wharf.home().resolve("inbound/data.bin")));

        lftp(mode, "cls -1B inbound > names.txt", "ls -la inbound > long.txt", "get inbound/data.bin -o copy.bin",
                "rm inbound/data.bin", "cls -1B inbound > after.txt");
        assertEquals("data.bin", Files.readString(tmp.resolve("names.txt")).trim());
        String listing = Files.readString(tmp.resolve("long.txt"));
        assertTrue(listing.matches("(?s)-\\S+\\s+1\\s+\\S+\\s+\\S+\\s+" + SIZE + " .* data\\.bin\\r?\\n"), listing);
        assertEquals(Digests.sha256(original), Digests.sha256(tmp.resolve("copy.bin")));
        assertTrue(Files.notExists(wharf.home().resolve("inbound/data.bin")), "rm");
        assertEquals("", Files.readString(tmp.resolve("after.txt")).trim());
        wharf.assertNoLeaks();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DataMode.class, names = {"PASV", "EPSV", "PORT"})
    void rename(DataMode mode) throws Exception {
        Path before = Digests.randomFile(wharf.home().resolve("before.bin"), 100_000, 22);
        String sha = Digests.sha256(before);

        lftp(mode, "mv before.bin after.bin", "cls -1 > names.txt");
        assertTrue(Files.notExists(before));
        assertEquals(sha, Digests.sha256(wharf.home().resolve("after.bin")));
        assertEquals("after.bin", Files.readString(tmp.resolve("names.txt")).trim());
        wharf.assertNoLeaks();
    }

    /** {@code put -c}: lftp asks SIZE, which reports the hidden partial, and continues with REST + STOR. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DataMode.class, names = {"PASV", "EPSV", "PORT"})
    void resumeAnInterruptedUpload(DataMode mode) throws Exception {
        Path original = Digests.randomFile(tmp.resolve("original.bin"), SIZE, 23);
        Interop.interruptedUpload(wharf, "inbound/resume.bin", original, KEEP);

        String output = lftp(mode, "cls -1aB inbound > names.txt", "put -c original.bin -o inbound/resume.bin");
        Interop.assertNotListed(Files.readString(tmp.resolve("names.txt")), "resume.bin");
        assertEquals(Digests.sha256(original), Digests.sha256(wharf.home().resolve("inbound/resume.bin")));
        Interop.assertResumedAt(KEEP, Interop.sent(output, COMMAND), output);
        Interop.assertNoHiddenUploads(wharf.home());
        wharf.assertNoLeaks();
    }

    /** {@code get -c}: lftp continues from the local file's length with REST + RETR. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DataMode.class, names = {"PASV", "EPSV", "PORT"})
    void resumeAnInterruptedDownload(DataMode mode) throws Exception {
        Path original = Digests.randomFile(tmp.resolve("original.bin"), SIZE, 24);
        Files.createDirectories(wharf.home().resolve("outbound"));
        Files.copy(original, wharf.home().resolve("outbound/data.bin"));
        Path partial = Interop.prefix(original, KEEP, tmp.resolve("partial.bin"));

        String output = lftp(mode, "get -c outbound/data.bin -o partial.bin");
        assertEquals(Digests.sha256(original), Digests.sha256(partial));
        Interop.assertResumedAt(KEEP, Interop.sent(output, COMMAND), output);
        wharf.assertNoLeaks();
    }

    /**
     * {@code mirror -R} then {@code mirror} of 200 files in nested folders (names with spaces, empty files), with
     * four transfers in parallel, so several sessions and data connections overlap; every file's SHA-256 compared.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DataMode.class, names = {"PASV", "EPSV", "PORT"})
    void mirrorTwoHundredFilesBothWays(DataMode mode) throws Exception {
        Map<String, String> tree = Interop.digests(Interop.tree(tmp.resolve("tree"), 25));
        assertEquals(Interop.TREE_FILES, tree.size());

        lftp(mode, "mirror -R --parallel=4 tree /mirrored", "mirror --parallel=4 /mirrored back");
        assertEquals(tree, Interop.digests(wharf.home().resolve("mirrored")), "mirror -R: server tree");
        assertEquals(tree, Interop.digests(tmp.resolve("back")), "mirror: downloaded tree");
        wharf.assertNoLeaks();
    }

    /** Runs {@code commands} in one lftp session in {@code mode}; asserts it succeeded in that mode only. */
    private String lftp(DataMode mode, String... commands) throws Exception {
        String script = String.join("; ", List.of(
                "debug 5",
                "set net:max-retries 1",
                "set net:timeout 10",
                "set net:reconnect-interval-base 1",
                "set ftp:ssl-allow no",
                "set cmd:fail-exit yes",
                "set xfer:clobber on",
                "set cache:enable no",
                "set ftp:passive-mode " + (mode.active() ? "off" : "on"),
                "set ftp:prefer-epsv " + (mode == DataMode.EPSV ? "yes" : "no"),
                "open -u " + WharfServerExtension.USER + "," + WharfServerExtension.PASSWORD
                        + " -p " + wharf.port() + " 127.0.0.1"))
                + "; " + String.join("; ", commands);
        ExternalProcess.Result result = Interop.succeeded(Interop.run(tmp, List.of("lftp", "-c", script)));
        Interop.assertDataMode(mode, Interop.sent(result.output(), COMMAND), result.output());
        return result.output();
    }
}
