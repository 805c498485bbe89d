package io.wharf.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many sessions at once: all 500 log in, then each lists and downloads while all of them are connected. */
@Timeout(180)
class ConcurrentSessionsIT {

    private static final int SESSIONS = 500;

    @RegisterExtension
    final WharfServerExtension wharf = new WharfServerExtension().passivePorts(1024);

    @Test
    void fiveHundredSessionsLoginListAndDownload() throws Exception {
        byte[] content = new byte[16 * 1024];
        new java.util.Random(3).nextBytes(content);
        Files.write(wharf.home().resolve("small.bin"), content);
        String expected = Digests.sha256(content);

        CyclicBarrier allConnected = new CyclicBarrier(SESSIONS);
        ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
        List<Future<String>> results = new ArrayList<>();
        try {
            for (int i = 0; i < SESSIONS; i++) {
                results.add(pool.submit(() -> {
                    FTPClient ftp = wharf.loggedInClient();
                    try {
                        // Every session is logged in before any of them transfers: 500 concurrent sessions.
                        allConnected.await(120, TimeUnit.SECONDS);
                        FTPFile[] files = ftp.listFiles();
                        assertEquals(1, files.length);
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        assertTrue(ftp.retrieveFile("small.bin", out), ftp.getReplyString());
                        ftp.logout();
                        return Digests.sha256(out.toByteArray());
                    } finally {
                        ftp.disconnect();
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
}
