package io.wharf.server.interop;

import io.wharf.config.SessionReuse;
import io.wharf.config.TlsRequirement;
import io.wharf.server.it.WharfServerExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * curl, run as a process, against an implicit-FTPS listener ({@code ftps://}: the TLS handshake before the greeting,
 * no {@code AUTH}) that enforces TLS session reuse. The same checks as {@link FtpsCurlIT}: every connection encrypted,
 * one full handshake per session, uploads, downloads and both resumes checked by SHA-256. (That plain text gets no
 * greeting on an implicit port is {@link FtpsCommonsNetImplicitIT}'s.)
 */
@Timeout(90)
class FtpsCurlImplicitIT {

    @RegisterExtension
    final WharfServerExtension wharf = new WharfServerExtension().passivePorts(16)
            .tls(true, TlsRequirement.BOTH, SessionReuse.ENFORCE);

    @TempDir
    Path tmp;

    @Test
    void uploadListDownload() throws Exception {
        FtpsCurlIT.uploadListDownload(new FtpsCurlIT.Curl(wharf, tmp, true, DataMode.EPSV), 71);
    }

    @Test
    void resumeAnInterruptedUpload() throws Exception {
        FtpsCurlIT.resumeAnInterruptedUpload(new FtpsCurlIT.Curl(wharf, tmp, true, DataMode.EPSV), 72);
    }

    @Test
    void resumeAnInterruptedDownload() throws Exception {
        FtpsCurlIT.resumeAnInterruptedDownload(new FtpsCurlIT.Curl(wharf, tmp, true, DataMode.PASV), 73);
    }
}
