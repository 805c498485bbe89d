package io.wharf.server.interop;

import static io.wharf.server.interop.Interop.KEEP;
import static io.wharf.server.interop.Interop.SIZE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.config.SessionReuse;
import io.wharf.config.TlsRequirement;
import io.wharf.server.it.Digests;
import io.wharf.server.it.WharfServerExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLSession;
import org.apache.commons.net.ProtocolCommandEvent;
import org.apache.commons.net.ProtocolCommandListener;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache Commons Net {@code FTPSClient} over explicit FTPS ({@code AUTH TLS}, {@code PBSZ 0}, {@code PROT P}) against
 * a listener that requires TLS on both connections and enforces TLS session reuse, the default.
 *
 * <p>Stock {@code FTPSClient} makes a new TLS session for every data connection, so the server must refuse each
 * with {@code 522} and move no byte: no download, no listing, no file stored. The same client made to resume the
 * control session ({@link FtpsCommonsNetClient}) lists, uploads, downloads and resumes both ways, every byte checked
 * by SHA-256, and every data session is the control session resumed. The implicit listener, under {@code allow},
 * is {@link FtpsCommonsNetImplicitIT}.
 *
 * <p>Sessions with several data connections use TLS 1.2. Under TLS 1.3 a JDK 17 client resumes the control session
 * once per control connection: its second data connection makes a full handshake, which {@code enforce} refuses
 * (observed; JSSE uses a TLS 1.3 ticket once, as RFC 8446 C.4 advises, the server sends one ticket on the control
 * connection and, by design, none on data connections). curl, lftp and Python offer the same ticket again.
 */
@Timeout(60)
class FtpsCommonsNetIT {

    @RegisterExtension
    final WharfServerExtension wharf = new WharfServerExtension().passivePorts(16)
            .tls(false, TlsRequirement.BOTH, SessionReuse.ENFORCE);

    @TempDir
    Path tmp;

    /** Stock Commons Net, with the JDK's default protocols (TLS 1.3 here). */
    static final Mode STOCK = new Mode(false, null);
    /** Resuming the control session over TLS 1.2 (session id or ticket, reusable for every data connection). */
    static final Mode TLS12 = new Mode(true, "TLSv1.2");
    /** Resuming the control session over TLS 1.3 (the control connection's one ticket, used once). */
    static final Mode TLS13 = new Mode(true, "TLSv1.3");

    private final List<String> sent = new CopyOnWriteArrayList<>();

    /**
     * How a client is set up.
     *
     * @param resume   whether data connections resume the control session ({@link FtpsCommonsNetClient})
     * @param protocol the only TLS version enabled, or null for the JDK's defaults
     */
    record Mode(boolean resume, String protocol) {
    }

    @Test
    void stockFtpsClientIsRefusedBecauseItDoesNotResumeTheControlSession() throws Exception {
        Path original = Digests.randomFile(tmp.resolve("original.bin"), SIZE, 41);
        Files.copy(original, wharf.home().resolve("served.bin"));
        FtpsCommonsNetClient ftp = connect(wharf, false, STOCK, sent);

        Path copy = tmp.resolve("copy.bin");
        try (OutputStream out = Files.newOutputStream(copy)) {
            assertRefused(ftp, () -> ftp.retrieveFile("served.bin", out));
        }
        assertEquals(0, Files.size(copy), "no byte of a refused download may arrive");
        try (InputStream in = Files.newInputStream(original)) {
            assertRefused(ftp, () -> ftp.storeFile("injected.bin", in));
        }
        assertTrue(Files.notExists(wharf.home().resolve("injected.bin")), "a refused upload must store nothing");
        Interop.assertNoHiddenUploads(wharf.home());
        assertRefused(ftp, () -> ftp.listNames() != null);
        assertEquals(3, ftp.dataSessions().size(), "three data connections, each with a completed handshake");
        close(ftp, wharf);
    }

    @Test
    void sessionResumingClientListsUploadsAndDownloadsOverTls12() throws Exception {
        uploadListDownload(connect(wharf, false, TLS12, sent), wharf, tmp, 42);
    }

    @Test
    void sessionResumingClientResumesAnInterruptedUploadOverTls12() throws Exception {
        resumeAnInterruptedUpload(wharf, false, TLS12, tmp, sent, 43);
    }

    /** One data connection per session, so TLS 1.3 works too (see the class comment). */
    @Test
    void sessionResumingClientResumesAnInterruptedDownloadOverTls13() throws Exception {
        resumeAnInterruptedDownload(wharf, false, TLS13, tmp, sent, 44);
    }

    /** A transfer that returns whether Commons Net reported success. */
    private interface Transfer {
        boolean run() throws IOException;
    }

    /**
     * The transfer fails with the server's {@code 522} session-reuse refusal. Commons Net reads the final reply when
     * the refused data connection ends cleanly; when the refusal resets it first, the transfer throws instead and the
     * 522 is still waiting on the control connection.
     */
    private static void assertRefused(FtpsCommonsNetClient ftp, Transfer transfer) throws IOException {
        boolean completed;
        try {
            completed = transfer.run();
        } catch (IOException reset) {
            completed = ftp.completePendingCommand();
        }
        assertFalse(completed, "the transfer must be refused: " + ftp.getReplyString());
        assertEquals(522, ftp.getReplyCode(), ftp.getReplyString());
        assertTrue(ftp.getReplyString().contains("TLS session reuse required"), ftp.getReplyString());
    }

    /**
     * A client connected to the test server over TLS (implicit, or {@code AUTH TLS} inside {@code connect}) with the
     * certificate verified against the test certificate, logged in, {@code PBSZ 0}, {@code PROT P}, binary, EPSV;
     * every command it sends and reply it gets are recorded in {@code sent}.
     */
    static FtpsCommonsNetClient connect(WharfServerExtension wharf, boolean implicit, Mode mode, List<String> sent)
            throws Exception {
        FtpsCommonsNetClient ftp = new FtpsCommonsNetClient(implicit, FtpsInterop.clientContext(), mode.resume());
        if (mode.protocol() != null) {
            ftp.setEnabledProtocols(new String[] {mode.protocol()});
        }
        ftp.setEndpointCheckingEnabled(true);
        ftp.setConnectTimeout(10_000);
        ftp.setDefaultTimeout(30_000);
        ftp.addProtocolCommandListener(new ProtocolCommandListener() {
            @Override
            public void protocolCommandSent(ProtocolCommandEvent event) {
                sent.add(event.getMessage().trim());
            }

            @Override
            public void protocolReplyReceived(ProtocolCommandEvent event) {
                sent.add("  " + event.getMessage().trim());
            }
        });
        ftp.connect(FtpsInterop.HOST, wharf.port());
        ftp.setSoTimeout(30_000);
        assertEquals(implicit ? 220 : 234, ftp.getReplyCode(), ftp.getReplyString());
        assertTrue(ftp.login(WharfServerExtension.USER, WharfServerExtension.PASSWORD), ftp.getReplyString());
        ftp.execPBSZ(0);
        assertEquals("200 PBSZ=0", ftp.getReplyString().trim());
        ftp.execPROT("P");
        assertEquals(200, ftp.getReplyCode(), ftp.getReplyString());
        assertTrue(ftp.setFileType(FTP.BINARY_FILE_TYPE), ftp.getReplyString());
        ftp.enterLocalPassiveMode();
        ftp.setUseEPSVwithIPv4(true);
        String protocol = ftp.controlSession().getProtocol();
        assertTrue(mode.protocol() == null ? protocol.startsWith("TLSv1.") : protocol.equals(mode.protocol()),
                protocol);
        return ftp;
    }

    /** mkdir, upload, LIST, NLST, MLSD, download, each transfer checked by SHA-256 and each data session by policy. */
    static void uploadListDownload(FtpsCommonsNetClient ftp, WharfServerExtension wharf, Path tmp, long seed)
            throws Exception {
        Path original = Digests.randomFile(tmp.resolve("original.bin"), SIZE, seed);

        assertTrue(ftp.makeDirectory("inbound"), ftp.getReplyString());
        try (InputStream in = Files.newInputStream(original)) {
            assertTrue(ftp.storeFile("inbound/data.bin", in), ftp.getReplyString());
        }
        assertEquals(Digests.sha256(original), Digests.sha256(wharf.home().resolve("inbound/data.bin")));

        FTPFile[] longList = ftp.listFiles("inbound");
        assertEquals(1, longList.length, Arrays.toString(longList));
        assertEquals("data.bin", longList[0].getName());
        assertEquals(SIZE, longList[0].getSize());
        assertArrayEquals(new String[] {"data.bin"}, ftp.listNames("inbound"));
        FTPFile[] facts = ftp.mlistDir("inbound");
        assertEquals(1, facts.length, Arrays.toString(facts));
        assertEquals(SIZE, facts[0].getSize());

        Path copy = tmp.resolve("copy.bin");
        try (OutputStream out = Files.newOutputStream(copy)) {
            assertTrue(ftp.retrieveFile("inbound/data.bin", out), ftp.getReplyString());
        }
        assertEquals(Digests.sha256(original), Digests.sha256(copy));
        assertEquals(5, ftp.dataSessions().size(), "every transfer and listing must use an encrypted connection");
        close(ftp, wharf);
    }

    /** An upload interrupted over TLS, continued with SIZE, REST and STOR of the rest. */
    static void resumeAnInterruptedUpload(WharfServerExtension wharf, boolean implicit, Mode mode, Path tmp,
            List<String> sent, long seed) throws Exception {
        Path original = Digests.randomFile(tmp.resolve("original.bin"), SIZE, seed);
        FtpsInterop.interruptedUpload(wharf, implicit, "inbound/resume.bin", original, KEEP);
        FtpsCommonsNetClient ftp = connect(wharf, implicit, mode, sent);
        String[] listed = ftp.listNames("inbound");
        Interop.assertNotListed(String.join("\n", listed == null ? new String[0] : listed), "resume.bin");

        assertEquals(213, ftp.sendCommand("SIZE", "inbound/resume.bin"), ftp.getReplyString());
        long offset = Long.parseLong(ftp.getReplyString().substring(4).trim());
        assertEquals(KEEP, offset);
        ftp.setRestartOffset(offset);
        try (InputStream in = Files.newInputStream(original)) {
            in.skipNBytes(offset);
            assertTrue(ftp.storeFile("inbound/resume.bin", in), ftp.getReplyString());
        }
        assertEquals(Digests.sha256(original), Digests.sha256(wharf.home().resolve("inbound/resume.bin")));
        Interop.assertResumedAt(KEEP, commands(sent), String.join("\n", sent));
        Interop.assertNoHiddenUploads(wharf.home());
        close(ftp, wharf);
    }

    /** A download continued with REST from the length an interrupted one left. */
    static void resumeAnInterruptedDownload(WharfServerExtension wharf, boolean implicit, Mode mode, Path tmp,
            List<String> sent, long seed) throws Exception {
        Path original = Digests.randomFile(tmp.resolve("original.bin"), SIZE, seed);
        Files.createDirectories(wharf.home().resolve("outbound"));
        Files.copy(original, wharf.home().resolve("outbound/data.bin"));
        Path partial = Interop.prefix(original, KEEP, tmp.resolve("partial.bin"));
        FtpsCommonsNetClient ftp = connect(wharf, implicit, mode, sent);

        ftp.setRestartOffset(Files.size(partial));
        try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.APPEND)) {
            assertTrue(ftp.retrieveFile("outbound/data.bin", out), ftp.getReplyString());
        }
        assertEquals(Digests.sha256(original), Digests.sha256(partial));
        Interop.assertResumedAt(KEEP, commands(sent), String.join("\n", sent));
        close(ftp, wharf);
    }

    static List<String> commands(List<String> sent) {
        return sent.stream().filter(line -> !line.startsWith(" ")).toList();
    }

    /**
     * Checks every data session against what the client was: a resuming client's are the control session resumed
     * (same creation time), a stock client's are new. Then logs out and checks the server is back to idle.
     */
    static void close(FtpsCommonsNetClient ftp, WharfServerExtension wharf) throws IOException {
        SSLSession control = ftp.controlSession();
        for (SSLSession data : ftp.dataSessions()) {
            assertEquals(control.getProtocol(), data.getProtocol());
            if (ftp.resumes()) {
                assertEquals(control.getCreationTime(), data.getCreationTime(), "data session is not the control's");
            } else {
                assertNotEquals(control.getCreationTime(), data.getCreationTime(), "stock FTPSClient resumed?");
            }
        }
        assertTrue(ftp.logout(), ftp.getReplyString());
        ftp.disconnect();
        wharf.assertNoLeaks();
    }
}
