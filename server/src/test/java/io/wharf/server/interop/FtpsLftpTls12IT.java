package io.wharf.server.interop;

import static io.wharf.server.interop.Interop.SIZE;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * lftp (GnuTLS) over explicit FTPS against a listener that offers TLS 1.2 only and enforces TLS session reuse: the
 * TLS 1.2 resumption path (session id or RFC 5077 ticket, where the id is the client's choice) rather than TLS 1.3's
 * pre-shared keys. Several data connections in one session (put, list, get) and a resumed get must all be accepted,
 * every byte checked by SHA-256, with the same transcript checks as {@link FtpsLftpIT}.
 */
@Timeout(60)
class FtpsLftpTls12IT {

    @RegisterExtension
    final WharfServerExtension wharf = new WharfServerExtension().passivePorts(16)
            .tls(false, TlsRequirement.BOTH, SessionReuse.ENFORCE).tlsProtocols("TLSv1.2");

    @TempDir
    Path tmp;

    /** In active mode (PORT): the server connects, lftp is still the TLS client and resumes the session. */
    @Test
    void putListGetInActiveMode() throws Exception {
        Path original = Digests.randomFile(tmp.resolve("original.bin"), SIZE, 91);

        FtpsLftpIT.lftp(wharf, tmp, DataMode.PORT, "put original.bin -o data.bin", "cls -1 > names.txt",
                "get data.bin -o copy.bin");
        assertEquals(Digests.sha256(original), Digests.sha256(wharf.home().resolve("data.bin")));
        assertEquals(Digests.sha256(original), Digests.sha256(tmp.resolve("copy.bin")));
        assertEquals("data.bin", Files.readString(tmp.resolve("names.txt")).trim());
        wharf.assertNoLeaks();
    }

    @Test
    void resumeAnInterruptedDownload() throws Exception {
        FtpsLftpIT.resumeAnInterruptedDownload(wharf, tmp, 92);
    }
}
