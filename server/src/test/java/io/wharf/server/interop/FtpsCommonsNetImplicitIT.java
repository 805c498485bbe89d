package io.wharf.server.interop;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.config.SessionReuse;
import io.wharf.config.TlsRequirement;
import io.wharf.server.it.WharfServerExtension;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Stock Apache Commons Net {@code FTPSClient(true)} against an implicit-FTPS listener whose session-reuse policy is
 * {@code allow}: the handshake comes before the greeting, and data connections that make a new TLS session (stock
 * Commons Net never resumes one) are accepted. Lists, uploads, downloads and both resumes, every byte checked by
 * SHA-256 and every data connection checked to be encrypted with a new session, in PASV, EPSV and PORT mode. A
 * plain-text client gets no greeting.
 */
@Timeout(60)
class FtpsCommonsNetImplicitIT {

    @RegisterExtension
    final WharfServerExtension wharf = new WharfServerExtension().passivePorts(16)
            .tls(true, TlsRequirement.BOTH, SessionReuse.ALLOW);

    @TempDir
    Path tmp;

    private final List<String> sent = new CopyOnWriteArrayList<>();

    /** PORT included: the server connects to Commons Net's SSLServerSocket, and Commons Net is the TLS client. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DataMode.class, names = {"PASV", "EPSV", "PORT"})
    void listsUploadsAndDownloads(DataMode mode) throws Exception {
        FtpsCommonsNetClient ftp = FtpsCommonsNetIT.connect(wharf, true, FtpsCommonsNetIT.STOCK, sent);
        switch (mode) {
            case PASV -> ftp.setUseEPSVwithIPv4(false);
            case EPSV -> ftp.setUseEPSVwithIPv4(true);
            case PORT -> ftp.enterLocalActiveMode();
            default -> throw new IllegalArgumentException("Commons Net sends EPRT only over IPv6: " + mode);
        }
        FtpsCommonsNetIT.uploadListDownload(ftp, wharf, tmp, 51);
        Interop.assertDataMode(mode, FtpsCommonsNetIT.commands(sent), String.join("\n", sent));
    }

    @Test
    void resumesAnInterruptedUpload() throws Exception {
        FtpsCommonsNetIT.resumeAnInterruptedUpload(wharf, true, FtpsCommonsNetIT.STOCK, tmp, sent, 52);
    }

    @Test
    void resumesAnInterruptedDownload() throws Exception {
        FtpsCommonsNetIT.resumeAnInterruptedDownload(wharf, true, FtpsCommonsNetIT.STOCK, tmp, sent, 53);
    }

    /** Plain FTP on the implicit port: the server waits for a ClientHello, so no {@code 220} ever comes in clear. */
    @Test
    void aPlainTextClientGetsNoGreeting() throws Exception {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(FtpsInterop.HOST, wharf.port()), 10_000);
            plain.setSoTimeout(10_000);
            plain.getOutputStream().write("USER partner\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = plain.getInputStream();
            byte[] answer = in.readNBytes(3);
            assertNotEquals("220", new String(answer, StandardCharsets.US_ASCII), "greeted in plain text");
            assertTrue(answer.length == 0 || answer[0] == 0x15, "expected a TLS alert or nothing");
        }
        wharf.assertNoLeaks();
    }
}
