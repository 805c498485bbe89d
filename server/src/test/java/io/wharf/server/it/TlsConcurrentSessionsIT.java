package io.wharf.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.config.SessionReuse;
import io.wharf.config.TlsRequirement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two hundred implicit-FTPS sessions at once, each with a TLS session of its own, each logging in, listing and
 * downloading over TLS 1.3: every download is whole and the server is left with nothing open.
 *
 * <p>Session reuse is {@code allow} here: a JSSE client uses a TLS 1.3 ticket once, and data connections issue no
 * new ones, so its second data connection makes a full handshake (which {@code enforce} would refuse; OpenSSL and
 * GnuTLS clients reuse the control session for every data connection, see the curl and lftp tests). The listing
 * resumes, the download does not: both kinds of data handshake run 200 at a time.
 */
@Timeout(180)
class TlsConcurrentSessionsIT {

    private static final int SESSIONS = 200;

    @RegisterExtension
    final WharfServerExtension wharf = new WharfServerExtension().tls(true, TlsRequirement.BOTH,
            SessionReuse.ALLOW).passivePorts(SESSIONS + 32);

    @Test
    void twoHundredSessionsLogInListAndDownload() throws Exception {
        byte[] content = new byte[256 * 1024 + 3];
        new Random(200).nextBytes(content);
        Files.write(wharf.home().resolve("batch.bin"), content);
        String expected = Digests.sha256(content);

        ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
        CountDownLatch allLoggedIn = new CountDownLatch(SESSIONS);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                results.add(pool.submit(() -> {
                    try (TlsFtp ftp = TlsFtp.implicit(TlsFtp.trustingTestCertificate(), wharf.port())) {
                        ftp.login();
                        ftp.expect("PBSZ 0", 200);
                        ftp.expect("PROT P", 200);
                        allLoggedIn.countDown();
                        // Everyone holds a session before anyone transfers: the point is 200 at once.
                        assertTrue(allLoggedIn.await(120, TimeUnit.SECONDS), "not every session logged in");
                        String listing = new String(list(ftp), StandardCharsets.UTF_8);
                        assertTrue(listing.contains("batch.bin"), listing);
                        ftp.expect("TYPE I", 200);
                        String digest = Digests.sha256(TlsRequiredIT.retrieve(ftp, "batch.bin"));
                        ftp.expect("QUIT", 221);
                        return digest;
                    }
                }));
            }
            for (Future<String> result : results) {
                assertEquals(expected, result.get(150, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        wharf.assertNoLeaks();
    }

    private static byte[] list(TlsFtp ftp) throws IOException {
        int port = ftp.epsv();
        try (ResumingDataConnection data = ftp.dataResumingControl(port)) {
            ftp.expect("LIST", 150);
            byte[] listing = data.readAll();
            assertEquals(226, RawFtp.code(ftp.reply()));
            return listing;
        }
    }
}
