package io.wharf.server.interop;

import static io.wharf.server.interop.Interop.KEEP;
import static io.wharf.server.interop.Interop.SIZE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.config.SessionReuse;
import io.wharf.config.TlsRequirement;
import io.wharf.server.it.Digests;
import io.wharf.server.it.ExternalProcess;
import io.wharf.server.it.WharfServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * lftp, run non-interactively ({@code lftp -c}), over explicit FTPS ({@code ftp:ssl-force},
 * {@code ftp:ssl-protect-data}) against a listener that requires TLS on both connections and enforces TLS session
 * reuse, the default. The certificate is verified ({@code ssl:ca-file}, {@code ssl:check-hostname}).
 *
 * <p>{@code debug 5} puts every command on a {@code --->} line and every reply on a {@code <---} line: each session
 * must open with {@code AUTH TLS} answered {@code 234}, have {@code PBSZ 0} and {@code PROT P} accepted, and never
 * see a {@code 522}. As the listener refuses clear data connections (521) and data connections that do not resume
 * the control session (522), a transfer that completes was encrypted and bound to its session. {@code ls}, {@code put},
 * {@code get} and both resumes are checked by SHA-256. TLS 1.2 is {@link FtpsLftpTls12IT}.
 */
@Timeout(90)
class FtpsLftpIT {

    static final Pattern COMMAND = Pattern.compile("---> (.+)");

    @RegisterExtension
    final WharfServerExtension wharf = new WharfServerExtension().passivePorts(16)
            .tls(false, TlsRequirement.BOTH, SessionReuse.ENFORCE);

    @TempDir
    Path tmp;

    /** PORT included: the server connects to lftp, which is still the TLS client, and must resume the session. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DataMode.class, names = {"PASV", "EPSV", "PORT"})
    void lsPutGet(DataMode mode) throws Exception {
        Path original = Digests.randomFile(tmp.resolve("original.bin"), SIZE, 81);

        lftp(wharf, tmp, mode, "mkdir inbound", "put original.bin -o inbound/data.bin", "cls -1B inbound > names.txt",
                "ls -la inbound > long.txt", "get inbound/data.bin -o copy.bin");
        assertEquals(Digests.sha256(original), Digests.sha256(wharf.home().resolve("inbound/data.bin")));
        assertEquals("data.bin", Files.readString(tmp.resolve("names.txt")).trim());
        String listing = Files.readString(tmp.resolve("long.txt"));
        assertTrue(listing.matches("(?s)-\\S+\\s+1\\s+\\S+\\s+\\S+\\s+" + SIZE + " .* data\\.bin\\r?\\n"), listing);
        assertEquals(Digests.sha256(original), Digests.sha256(tmp.resolve("copy.bin")));
        wharf.assertNoLeaks();
    }

    /** {@code put -c}: lftp asks SIZE, which reports the partial the TLS upload left, and continues with REST. */
    @Test
    void resumeAnInterruptedUpload() throws Exception {
        Path original = Digests.randomFile(tmp.resolve("original.bin"), SIZE, 82);
        FtpsInterop.interruptedUpload(wharf, false, "inbound/resume.bin", original, KEEP);

        String output = lftp(wharf, tmp, DataMode.PASV, "cls -1aB inbound > names.txt",
                "put -c original.bin -o inbound/resume.bin");
        Interop.assertNotListed(Files.readString(tmp.resolve("names.txt")), "resume.bin");
        assertEquals(Digests.sha256(original), Digests.sha256(wharf.home().resolve("inbound/resume.bin")));
        Interop.assertResumedAt(KEEP, Interop.sent(output, COMMAND), output);
        Interop.assertNoHiddenUploads(wharf.home());
        wharf.assertNoLeaks();
    }

    /** {@code get -c}: lftp continues from the local file's length with REST + RETR. */
    @Test
    void resumeAnInterruptedDownload() throws Exception {
        resumeAnInterruptedDownload(wharf, tmp, 83);
    }

    /** {@code get -c} of an interrupted download: the SHA-256 of the whole, and one REST at the partial's length. */
    static void resumeAnInterruptedDownload(WharfServerExtension wharf, Path tmp, long seed) throws Exception {
        Path original = Digests.randomFile(tmp.resolve("original.bin"), SIZE, seed);
        Files.createDirectories(wharf.home().resolve("outbound"));
        Files.copy(original, wharf.home().resolve("outbound/data.bin"));
        Path partial = Interop.prefix(original, KEEP, tmp.resolve("partial.bin"));

        String output = lftp(wharf, tmp, DataMode.PASV, "get -c outbound/data.bin -o partial.bin");
        assertEquals(Digests.sha256(original), Digests.sha256(partial));
        Interop.assertResumedAt(KEEP, Interop.sent(output, COMMAND), output);
        wharf.assertNoLeaks();
    }

    /**
     * Runs {@code commands} in one lftp FTPS session in {@code mode} (lftp sends EPRT only over IPv6); asserts it
     * succeeded encrypted, as the class comment says, in that data mode only.
     */
    static String lftp(WharfServerExtension wharf, Path tmp, DataMode mode, String... commands) throws Exception {
        String script = String.join("; ", List.of(
                "debug 5",
                "set net:max-retries 1",
                "set net:timeout 10",
                "set net:reconnect-interval-base 1",
                "set ftp:ssl-force yes",
                "set ftp:ssl-protect-data yes",
                "set ftp:ssl-protect-list yes",
                "set ssl:verify-certificate yes",
                "set ssl:check-hostname yes",
                "set ssl:ca-file \"" + wharf.certificateFile() + "\"",
                "set cmd:fail-exit yes",
                "set xfer:clobber on",
                "set cache:enable no",
                "set ftp:passive-mode " + (mode.active() ? "off" : "on"),
                "set ftp:prefer-epsv " + (mode == DataMode.EPSV ? "yes" : "no"),
                "open -u " + WharfServerExtension.USER + "," + WharfServerExtension.PASSWORD
                        + " -p " + wharf.port() + " " + FtpsInterop.HOST))
                + "; " + String.join("; ", commands);
        ExternalProcess.Result result = Interop.succeeded(Interop.run(tmp, List.of("lftp", "-c", script)));
        String output = result.output();
        List<String> sent = Interop.sent(output, COMMAND);
        Interop.assertDataMode(mode, sent, output);
        List<String> beforeUser = sent.subList(0, sent.indexOf("USER " + WharfServerExtension.USER));
        assertTrue(beforeUser.contains("AUTH TLS"), "AUTH TLS must come before USER\n" + output);
        assertTrue(output.contains("<--- 234 AUTH TLS successful"), output);
        assertTrue(sent.contains("PBSZ 0") && output.contains("<--- 200 PBSZ=0"), output);
        assertTrue(sent.contains("PROT P") && output.contains("<--- 200 Protection level set to Private"), output);
        assertFalse(output.contains("<--- 522") || output.contains("<--- 521"), "a data connection was refused\n"
                + output);
        return output;
    }
}
