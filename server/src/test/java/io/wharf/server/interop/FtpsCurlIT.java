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
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * curl, run as a process, over explicit FTPS ({@code --ssl-reqd}: {@code AUTH}, {@code PBSZ 0}, {@code PROT P})
 * against a listener that requires TLS on both connections and enforces TLS session reuse, the default. The server's
 * certificate is verified ({@code --cacert}), never skipped.
 *
 * <p>From curl's {@code -v} output each run is checked to be what it claims: the {@code 234} reply to {@code AUTH},
 * {@code PROT P} accepted, every connection (control and data) encrypted with the expected TLS version, exactly one
 * full handshake (the control connection's: every data connection resumed its session), and the data mode asked
 * for. Uploads, downloads and both resumes are checked by SHA-256; the resumed upload continues a partial that an
 * upload over TLS left when its data connection was reset. A plain-text session, and TLS with clear data connections
 * ({@code PROT C}), get nothing. The implicit listener is {@link FtpsCurlImplicitIT}.
 *
 * <p>Passive modes only: curl 7.88 accepts an active-mode data connection but never starts TLS on it (it waits in
 * plain text while the server waits for its ClientHello). lftp covers active-mode FTPS ({@link FtpsLftpIT}).
 */
@Timeout(90)
class FtpsCurlIT {

    static final Pattern COMMAND = Pattern.compile("> (.+)");
    private static final Pattern HANDSHAKE = Pattern.compile("(?m)^\\* SSL connection using (\\S+) ");
    private static final String FULL_HANDSHAKE = "TLS handshake, Certificate (11)";

    @RegisterExtension
    final WharfServerExtension wharf = new WharfServerExtension().passivePorts(16)
            .tls(false, TlsRequirement.BOTH, SessionReuse.ENFORCE);

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DataMode.class, names = {"PASV", "EPSV"})
    void uploadListDownload(DataMode mode) throws Exception {
        uploadListDownload(new Curl(wharf, tmp, false, mode), 61);
    }

    /** {@code --tls-max 1.2}: TLS 1.2 on every connection, the data connections resuming by session id. */
    @Test
    void uploadAndDownloadOverTls12() throws Exception {
        Path original = Digests.randomFile(tmp.resolve("original.bin"), SIZE, 62);
        Curl curl = new Curl(wharf, tmp, false, DataMode.EPSV);
        String up = curl.run("TLSv1.2", "--tls-max", "1.2", "-T", "original.bin", curl.url("tls12.bin"));
        assertEquals(Digests.sha256(original), Digests.sha256(wharf.home().resolve("tls12.bin")));
        String down = curl.run("TLSv1.2", "--tls-max", "1.2", "-o", "copy.bin", curl.url("tls12.bin"));
        assertEquals(Digests.sha256(original), Digests.sha256(tmp.resolve("copy.bin")));
        assertTrue(up.contains("SSL re-using session ID") && down.contains("SSL re-using session ID"), up + down);
        wharf.assertNoLeaks();
    }

    @Test
    void resumeAnInterruptedUpload() throws Exception {
        resumeAnInterruptedUpload(new Curl(wharf, tmp, false, DataMode.EPSV), 63);
    }

    @Test
    void resumeAnInterruptedDownload() throws Exception {
        resumeAnInterruptedDownload(new Curl(wharf, tmp, false, DataMode.EPSV), 64);
    }

    /**
     * Plain FTP is refused at {@code USER} (530), before the password crosses in clear; TLS for the control connection
     * only ({@code --ftp-ssl-control}, so {@code PROT C}) gets 534 for {@code PROT C} and 521 for the transfer.
     */
    @Test
    void plainTextAndClearDataConnectionsAreRefused() throws Exception {
        Path original = Digests.randomFile(tmp.resolve("original.bin"), 100_000, 65);
        Files.copy(original, wharf.home().resolve("served.bin"));
        String user = WharfServerExtension.USER + ":" + WharfServerExtension.PASSWORD;
        Curl curl = new Curl(wharf, tmp, false, DataMode.EPSV);

        ExternalProcess.Result plain = Interop.run(tmp, List.of("curl", "-sS", "-v", "--max-time", "30",
                "--user", user, "-o", "plain.bin", curl.url("served.bin")));
        assertEquals(67, plain.exitCode(), plain.output());
        assertTrue(plain.output().contains("< 530 TLS required"), plain.output());
        assertFalse(plain.output().contains("> PASS"), "password sent in clear:\n" + plain.output());

        for (List<String> transfer : List.of(List.of("-o", "clear.bin", curl.url("served.bin")),
                List.of("-T", "original.bin", curl.url("uploaded.bin")))) {
            List<String> command = new ArrayList<>(List.of("curl", "-sS", "-v", "--max-time", "30", "--user", user,
                    "--cacert", wharf.certificateFile().toString(), "--ftp-ssl-control", "--ftp-pasv"));
            command.addAll(transfer);
            ExternalProcess.Result clear = Interop.run(tmp, command);
            assertTrue(clear.exitCode() != 0, clear.output());
            assertTrue(clear.output().contains("< 534 PROT C refused"), clear.output());
            assertTrue(clear.output().contains("< 521 Data connections must be encrypted"), clear.output());
        }
        assertTrue(Files.notExists(tmp.resolve("plain.bin")) && Files.notExists(tmp.resolve("clear.bin")));
        assertTrue(Files.notExists(wharf.home().resolve("uploaded.bin")));
        Interop.assertNoHiddenUploads(wharf.home());
        wharf.assertNoLeaks();
    }

    /** mkdir and upload, LIST and NLST, download: the SHA-256 of both copies. */
    static void uploadListDownload(Curl curl, long seed) throws Exception {
        Path original = Digests.randomFile(curl.tmp().resolve("original.bin"), SIZE, seed);
        Path home = curl.wharf().home();

        curl.run("TLSv1.3", "--ftp-create-dirs", "-T", "original.bin", curl.url("inbound/data.bin"));
        assertEquals(Digests.sha256(original), Digests.sha256(home.resolve("inbound/data.bin")));

        curl.run("TLSv1.3", "-o", "long.txt", curl.url("inbound/"));
        String listing = Files.readString(curl.tmp().resolve("long.txt"));
        assertTrue(listing.matches("(?s)-\\S+\\s+1\\s+\\S+\\s+\\S+\\s+" + SIZE + " .* data\\.bin\\r?\\n"), listing);
        curl.run("TLSv1.3", "-l", "-o", "names.txt", curl.url("inbound/"));
        assertEquals("data.bin", Files.readString(curl.tmp().resolve("names.txt")).trim());

        curl.run("TLSv1.3", "-o", "copy.bin", curl.url("inbound/data.bin"));
        assertEquals(Digests.sha256(original), Digests.sha256(curl.tmp().resolve("copy.bin")));
        curl.wharf().assertNoLeaks();
    }

    /** {@code -C - -T}: curl asks SIZE, which reports the partial the TLS upload left, and APPEnds the rest. */
    static void resumeAnInterruptedUpload(Curl curl, long seed) throws Exception {
        Path original = Digests.randomFile(curl.tmp().resolve("original.bin"), SIZE, seed);
        Path home = curl.wharf().home();
        FtpsInterop.interruptedUpload(curl.wharf(), curl.implicit(), "inbound/resume.bin", original, KEEP);
        curl.run("TLSv1.3", "-l", "-o", "names.txt", curl.url("inbound/"));
        Interop.assertNotListed(Files.readString(curl.tmp().resolve("names.txt")), "resume.bin");

        String output = curl.run("TLSv1.3", "-C", "-", "-T", "original.bin", "-w", "\\nsize_upload=%{size_upload}\\n",
                curl.url("inbound/resume.bin"));
        assertEquals(Digests.sha256(original), Digests.sha256(home.resolve("inbound/resume.bin")));
        assertEquals(SIZE - KEEP, number(output, "size_upload"), "curl must send only the missing bytes");
        assertEquals(List.of("APPE resume.bin"), Interop.transfers(Interop.sent(output, COMMAND)), output);
        Interop.assertNoHiddenUploads(home);
        curl.wharf().assertNoLeaks();
    }

    /** {@code -C - -o}: curl continues from the local file's length with REST. */
    static void resumeAnInterruptedDownload(Curl curl, long seed) throws Exception {
        Path original = Digests.randomFile(curl.tmp().resolve("original.bin"), SIZE, seed);
        Files.createDirectories(curl.wharf().home().resolve("outbound"));
        Files.copy(original, curl.wharf().home().resolve("outbound/data.bin"));
        Path partial = Interop.prefix(original, KEEP, curl.tmp().resolve("partial.bin"));

        String output = curl.run("TLSv1.3", "-C", "-", "-o", "partial.bin",
                "-w", "\\nsize_download=%{size_download}\\n", curl.url("outbound/data.bin"));
        assertEquals(Digests.sha256(original), Digests.sha256(partial));
        assertEquals(SIZE - KEEP, number(output, "size_download"), "curl must fetch only the missing bytes");
        Interop.assertResumedAt(KEEP, Interop.sent(output, COMMAND), output);
        curl.wharf().assertNoLeaks();
    }

    /**
     * One curl setup: the server, the working directory, the listener kind ({@code ftp://} with {@code --ssl-reqd}
     * for explicit FTPS, {@code ftps://} for implicit) and a passive data mode.
     */
    record Curl(WharfServerExtension wharf, Path tmp, boolean implicit, DataMode mode) {

        /** The URL of {@code path} on the test server. */
        String url(String path) {
            return (implicit ? "ftps://" : "ftp://") + FtpsInterop.HOST + ":" + wharf.port() + "/" + path;
        }

        /**
         * Runs one curl session with the certificate verified against the test certificate; asserts it succeeded,
         * in this data mode only, over TLS {@code protocol} as the class comment describes; returns the -v output.
         */
        String run(String protocol, String... args) throws Exception {
            if (mode.active()) {
                throw new IllegalArgumentException("curl 7.88 cannot do active-mode FTPS: " + mode);
            }
            String user = WharfServerExtension.USER + ":" + WharfServerExtension.PASSWORD;
            List<String> command = new ArrayList<>(List.of("curl", "-sS", "-v", "--max-time", "30",
                    "--connect-timeout", "10", "--user", user,
                    "--cacert", wharf.certificateFile().toString(), "--ftp-pasv"));
            if (mode == DataMode.PASV) {
                command.add("--disable-epsv");
            }
            if (!implicit) {
                command.add("--ssl-reqd");
            }
            command.addAll(List.of(args));
            String output = Interop.succeeded(Interop.run(tmp, command)).output();
            Interop.assertDataMode(mode, Interop.sent(output, COMMAND), output);
            assertEncrypted(output, implicit, protocol);
            return output;
        }
    }

    /**
     * The session was encrypted from the start (implicit) or from {@code AUTH} on, with {@code PROT P}; every
     * connection used {@code protocol}; only the control connection made a full handshake.
     */
    private static void assertEncrypted(String output, boolean implicit, String protocol) {
        List<String> commands = Interop.sent(output, COMMAND);
        if (implicit) {
            assertTrue(commands.stream().noneMatch(c -> c.startsWith("AUTH")), "AUTH on an implicit port\n" + output);
        } else {
            assertTrue(commands.get(0).matches("AUTH (SSL|TLS)"), "AUTH must come first\n" + output);
            assertTrue(output.matches("(?s).*\\n< 234 AUTH (SSL|TLS) successful.*"), "no 234 for AUTH\n" + output);
        }
        assertTrue(output.contains("< 200 PBSZ=0") && output.contains("< 200 Protection level set to Private"),
                "PBSZ 0 and PROT P must be accepted\n" + output);
        List<String> versions = new ArrayList<>();
        Matcher m = HANDSHAKE.matcher(output);
        while (m.find()) {
            versions.add(m.group(1));
        }
        assertTrue(versions.size() >= 2, "a control and at least one data connection over TLS\n" + output);
        assertTrue(versions.stream().allMatch(protocol::equals), "every connection over " + protocol + ": " + versions);
        assertEquals(1, output.split(Pattern.quote(FULL_HANDSHAKE), -1).length - 1,
                "one full handshake, the control connection's: every data connection resumes it\n" + output);
    }

    static long number(String output, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "=(\\d+)$").matcher(output);
        assertTrue(m.find(), name + " missing from curl's output:\n" + output);
        return Long.parseLong(m.group(1));
    }
}
