package io.wharf.server.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.config.SessionReuse;
import io.wharf.config.TlsRequirement;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A listener that requires TLS on both connections and enforces data-channel session reuse: what it refuses, with
 * which reply, and that what it refuses never costs another session anything. The positive paths with real clients
 * (curl, lftp) live in the interop tests; here a JSSE client steers each connection.
 */
@Timeout(60)
class TlsRequiredIT {

    @RegisterExtension
    final WharfServerExtension wharf = new WharfServerExtension().tls(false, TlsRequirement.BOTH,
            SessionReuse.ENFORCE);

    private static final ExecutorService ATTACKER = Executors.newCachedThreadPool();
    private byte[] content;
    private SSLContext client;

    @BeforeEach
    void file() throws Exception {
        content = new byte[(1 << 20) + 17];
        new Random(4217).nextBytes(content);
        Files.write(wharf.home().resolve("report.bin"), content);
        client = TlsFtp.trustingTestCertificate();
    }

    @AfterEach
    void noLeaks() {
        wharf.assertNoLeaks();
    }

    @AfterAll
    static void stopAttacker() {
        ATTACKER.shutdownNow();
    }

    @Test
    void plaintextLoginIsRefusedBeforeThePasswordIsSent() throws IOException {
        try (RawFtp ftp = new RawFtp(wharf.port())) {
            String reply = ftp.expect("USER " + WharfServerExtension.USER, 530);
            assertTrue(reply.contains("AUTH TLS"), reply);
            ftp.expect("PASS " + WharfServerExtension.PASSWORD, 503);
            ftp.expect("PBSZ 0", 503);
            ftp.expect("PROT P", 503);
            String feat = ftp.expect("FEAT", 211);
            assertTrue(feat.contains("\n AUTH TLS") && feat.contains("\n PBSZ") && feat.contains("\n PROT"), feat);
            ftp.expect("AUTH KERBEROS_V4", 504);
        }
    }

    @Test
    void protectionCommandsFollowRfc4217() throws IOException {
        try (TlsFtp ftp = TlsFtp.connect(client, wharf.port())) {
            ftp.authTls();
            ftp.expect("AUTH TLS", 503);
            ftp.login();
            ftp.expect("PROT P", 503);                // no PBSZ yet
            ftp.expect("PBSZ x", 501);
            assertEquals("200 PBSZ=0", ftp.expect("PBSZ 0", 200));
            ftp.expect("PROT C", 534);                // data must be encrypted here
            ftp.expect("PROT S", 536);
            ftp.expect("PROT Q", 504);
            ftp.expect("CCC", 534);                   // not allowed by this listener
            ftp.epsv();
            String refused = ftp.expect("RETR report.bin", 521);   // still PROT C
            assertTrue(refused.contains("PROT P"), refused);
            ftp.expect("PROT P", 200);
        }
    }

    @Test
    void aDataConnectionResumingTheControlSessionCarriesTheFile() throws IOException {
        try (TlsFtp ftp = TlsFtp.loggedInPrivate(client, wharf.port())) {
            ftp.expect("TYPE I", 200);
            byte[] received = retrieve(ftp, "report.bin");
            assertArrayEquals(content, received);
            assertEquals(Digests.sha256(content), Digests.sha256(received));
        }
    }

    @Test
    void aThirdPartyRacingToThePassivePortWithItsOwnSessionGetsNothing() throws Exception {
        try (TlsFtp victim = TlsFtp.loggedInPrivate(client, wharf.port());
             TlsFtp other = TlsFtp.loggedInPrivate(TlsFtp.trustingTestCertificate(), wharf.port())) {
            victim.expect("TYPE I", 200);
            int port = victim.epsv();
            // The other client is logged in too and has a TLS session of its own with this server; it connects
            // first, from the same address, so only the TLS session tells the two apart.
            SSLSocket thief = TlsFtp.dataFrom(TlsFtp.trustingTestCertificate(), port);
            Future<Integer> stolen = ATTACKER.submit(() -> readAll(thief).length);
            String opening = victim.expect("RETR report.bin", 150);
            String refusal = victim.reply();
            assertEquals(522, RawFtp.code(refusal), opening + " / " + refusal);
            assertTrue(refusal.contains("session reuse"), refusal);
            int stolenBytes;
            try {
                stolenBytes = stolen.get(20, TimeUnit.SECONDS);
            } catch (ExecutionException refused) {
                stolenBytes = 0;                    // the usual outcome: no close_notify, so the read fails
            }
            assertEquals(0, stolenBytes);
            thief.close();
            other.expect("NOOP", 200);

            // The victim retries and gets the file through its own session.
            assertArrayEquals(content, retrieve(victim, "report.bin"));
        }
    }

    @Test
    void garbageInsteadOfAClientHelloDropsOnlyThatConnection() throws Exception {
        try (TlsFtp bystander = TlsFtp.loggedInPrivate(client, wharf.port());
             RawFtp garbage = new RawFtp(wharf.port())) {
            garbage.expect("AUTH TLS", 234);
            garbage.sendRaw("GET / HTTP/1.1\r\nHost: wharf\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            WharfServerExtension.await(() -> isClosed(garbage), "server kept a connection that sent garbage");

            // Garbage on a data connection: the transfer fails with 522, the session goes on.
            int port = bystander.epsv();
            CompletableFuture<Void> junk = CompletableFuture.runAsync(() -> sendJunk(port), ATTACKER);
            bystander.expect("RETR report.bin", 150);
            assertEquals(522, RawFtp.code(bystander.reply()));
            junk.get(20, TimeUnit.SECONDS);
            bystander.expect("TYPE I", 200);
            assertArrayEquals(content, retrieve(bystander, "report.bin"));
        }
    }

    private static boolean isClosed(RawFtp ftp) {
        try {
            return ftp.isClosedByServer();
        } catch (IOException e) {
            return true;
        }
    }

    private static void sendJunk(int port) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x00, 0x05, 1, 2, 3, 4, 5, 6, 7, 8});
            socket.getInputStream().readAllBytes();     // the server's alert, then its close
        } catch (IOException e) {
            // A reset is as good an answer as an alert: the connection is gone either way.
        }
    }

    /** EPSV, RETR over a data connection resuming the control session; asserts 150 and 226. */
    static byte[] retrieve(TlsFtp ftp, String path) throws IOException {
        int port = ftp.epsv();
        try (ResumingDataConnection data = ftp.dataResumingControl(port)) {
            ftp.expect("RETR " + path, 150);
            byte[] received = data.readAll();
            String done = ftp.reply();
            assertEquals(226, RawFtp.code(done), done);
            return received;
        }
    }

    private static byte[] readAll(SSLSocket data) throws IOException {
        data.setSoTimeout(30_000);
        try (InputStream in = data.getInputStream()) {
            return in.readAllBytes();
        }
    }
}
