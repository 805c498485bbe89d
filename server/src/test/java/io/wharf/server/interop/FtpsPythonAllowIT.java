package io.wharf.server.interop;

import static io.wharf.server.interop.Interop.KEEP;
import static io.wharf.server.interop.Interop.SIZE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.config.SessionReuse;
import io.wharf.config.TlsRequirement;
import io.wharf.server.it.Digests;
import io.wharf.server.it.WharfServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stock Python {@code ftplib.FTP_TLS} with {@code prot_p()} against a listener that requires TLS on both connections
 * with session reuse {@code allow}: data connections that make a new TLS session, as stock ftplib's always do (the
 * script reports {@code resumed=False} for each), are accepted. mkdir, upload, NLST, LIST, download and both resumes
 * ({@code rest=}) over encrypted data connections, every transfer checked by SHA-256. Under {@code enforce} the same
 * client is refused: {@link FtpsPythonEnforceIT}. Whole uploads are {@link FtpsPythonEnforceIT#UPLOAD_SIZE} bytes,
 * and once exactly 4 MiB ({@link #uploadOfFourMebibytesCompletes()}).
 */
@Timeout(60)
class FtpsPythonAllowIT {

    @RegisterExtension
    final WharfServerExtension wharf = new WharfServerExtension().passivePorts(16)
            .tls(false, TlsRequirement.BOTH, SessionReuse.ALLOW);

    @TempDir
    Path tmp;

    @Test
    void mkdirUploadListDownload() throws Exception {
        Path original = Digests.randomFile(tmp.resolve("original.bin"), FtpsPythonEnforceIT.UPLOAD_SIZE, 111);

        String output = FtpsPythonEnforceIT.ftplib(wharf, tmp, "fresh", "mkd inbound",
                "put original.bin inbound/data.bin", "nlst inbound names.txt", "list inbound long.txt",
                "get inbound/data.bin copy.bin");
        assertEquals(Digests.sha256(original), Digests.sha256(wharf.home().resolve("inbound/data.bin")));
        assertEquals("data.bin", Files.readString(tmp.resolve("names.txt")).trim());
        String listing = Files.readString(tmp.resolve("long.txt"));
        assertTrue(listing.matches("(?s)-\\S+\\s+1\\s+\\S+\\s+\\S+\\s+" + Files.size(original) + " .* data\\.bin\\n"),
                listing);
        assertEquals(Digests.sha256(original), Digests.sha256(tmp.resolve("copy.bin")));
        assertEquals(4, FtpsPythonEnforceIT.count(output, "data: TLSv1.3 resumed=False"),
                "four data connections with new sessions, all accepted\n" + output);
        wharf.assertNoLeaks();
    }

    /**
     * Stock ftplib uploading exactly 4 MiB ({@link Interop#SIZE}, the size every other client test uploads): its
     * {@code storbinary} sends the data and {@code close_notify}, then waits in {@code unwrap()} for the server's
     * {@code close_notify} before it reads the reply. The server yields after 16 reads of its 256 KiB buffer
     * (exactly 4 MiB) with the client's {@code close_notify} already inside its TLS transport, where no
     * {@code OP_READ} announces it; it must come back for it by itself, or both sides wait until the client's
     * timeout and ftplib fails although the upload was complete.
     */
    @Test
    void uploadOfFourMebibytesCompletes() throws Exception {
        Path original = Digests.randomFile(tmp.resolve("original.bin"), SIZE, 114);

        String output = FtpsPythonEnforceIT.ftplib(wharf, tmp, "fresh", "put original.bin data.bin");
        assertTrue(output.contains("*resp* '226"), output);
        assertEquals(Digests.sha256(original), Digests.sha256(wharf.home().resolve("data.bin")));
        wharf.assertNoLeaks();
    }

    /** SIZE reports the partial an interrupted TLS upload left; {@code storbinary(..., rest=size)} sends the rest. */
    @Test
    void resumeAnInterruptedUpload() throws Exception {
        Path original = Digests.randomFile(tmp.resolve("original.bin"), SIZE, 112);
        FtpsInterop.interruptedUpload(wharf, false, "inbound/resume.bin", original, KEEP);

        String output = FtpsPythonEnforceIT.ftplib(wharf, tmp, "fresh", "nlst inbound names.txt",
                "resume-put original.bin inbound/resume.bin");
        Interop.assertNotListed(Files.readString(tmp.resolve("names.txt")), "resume.bin");
        assertEquals(Digests.sha256(original), Digests.sha256(wharf.home().resolve("inbound/resume.bin")));
        Interop.assertResumedAt(KEEP, Interop.sent(output, FtpsPythonEnforceIT.COMMAND), output);
        Interop.assertNoHiddenUploads(wharf.home());
        wharf.assertNoLeaks();
    }

    /** {@code retrbinary("RETR x", rest=K)} appending to the K bytes an interrupted download left. */
    @Test
    void resumeAnInterruptedDownload() throws Exception {
        Path original = Digests.randomFile(tmp.resolve("original.bin"), SIZE, 113);
        Files.createDirectories(wharf.home().resolve("outbound"));
        Files.copy(original, wharf.home().resolve("outbound/data.bin"));
        Path partial = Interop.prefix(original, KEEP, tmp.resolve("partial.bin"));

        String output = FtpsPythonEnforceIT.ftplib(wharf, tmp, "fresh", "resume-get outbound/data.bin partial.bin");
        assertEquals(Digests.sha256(original), Digests.sha256(partial));
        Interop.assertResumedAt(KEEP, Interop.sent(output, FtpsPythonEnforceIT.COMMAND), output);
        wharf.assertNoLeaks();
    }
}
