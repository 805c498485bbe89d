package io.wharf.server.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The control connection at the byte level: reply codes, limits, pipelining, ordering and timeouts. */
@Timeout(60)
class ControlProtocolIT {

    @RegisterExtension
    final WharfServerExtension wharf = new WharfServerExtension()
            .passivePorts(4)
            .maxLineBytes(1024)
            .idleTimeout(Duration.ofSeconds(2))
            .dataConnectTimeout(Duration.ofSeconds(1));

    @Test
    void overLongLineIsRefusedAndTheServerKeepsServing() throws Exception {
        try (RawFtp ftp = new RawFtp(wharf.port())) {
            byte[] huge = new byte[64 * 1024];
            Arrays.fill(huge, (byte) 'A');
            ftp.sendRaw("USER ".getBytes(StandardCharsets.US_ASCII));
            ftp.sendRaw(huge);
            ftp.sendRaw("\r\n".getBytes(StandardCharsets.US_ASCII));
            String reply = ftp.reply();
            assertEquals(500, RawFtp.code(reply), reply);
            assertTrue(reply.contains("too long"), reply);
            ftp.expect("NOOP", 200);                        // same session survives
        }
        try (RawFtp fresh = RawFtp.loggedIn(wharf.port())) { // and the server serves a new one
            fresh.expect("PWD", 257);
        }
        wharf.assertNoLeaks();
    }

    @Test
    void unknownAndMalformedVerbsAndLoginGate() throws Exception {
        try (RawFtp ftp = new RawFtp(wharf.port())) {
            assertTrue(ftp.expect("XYZZ", 502).contains("XYZZ"));
            ftp.expect("!@#$ what", 500);
            ftp.expect("", 500);
            ftp.expect("LIST", 530);
            ftp.expect("RETR x", 530);
            ftp.expect("PASS nouser", 503);
            String feat = ftp.expect("FEAT", 211);
            assertTrue(feat.startsWith("211-") && feat.endsWith("211 End"), feat);
            assertTrue(feat.contains("\n EPSV") && feat.contains("\n PASV") && feat.contains("\n SIZE"), feat);
            ftp.expect("SYST", 215);
            ftp.expect("OPTS UTF8 ON", 200);
            ftp.expect("USER " + WharfServerExtension.USER, 331);
            ftp.expect("PASS " + WharfServerExtension.PASSWORD, 230);
            ftp.expect("TYPE I", 200);
            ftp.expect("TYPE A", 200);
            ftp.expect("TYPE E", 504);
            ftp.expect("MODE S", 200);
            ftp.expect("MODE B", 504);
            ftp.expect("STRU F", 200);
            ftp.expect("STRU R", 504);
            ftp.expect("RETR nothing.bin", 425);           // no PASV yet
            ftp.expect("CDUP", 250);
            ftp.expect("QUIT", 221);
            assertTrue(ftp.isClosedByServer());
        }
        wharf.assertNoLeaks();
    }

    @Test
    void pasvReplyAdvertisesTheControlAddressAndAWorkingPort() throws Exception {
        Files.writeString(wharf.home().resolve("hello.txt"), "hello");
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            String reply = ftp.expect("PASV", 227);
            var m = java.util.regex.Pattern.compile("\\((\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\)").matcher(reply);
            assertTrue(m.find(), reply);
            assertEquals("127.0.0.1", m.group(1) + "." + m.group(2) + "." + m.group(3) + "." + m.group(4));
            int port = Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6));
            try (Socket data = new Socket("127.0.0.1", port)) {
                ftp.expect("RETR hello.txt", 150);
                assertEquals("hello", new String(data.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            assertEquals(226, RawFtp.code(ftp.reply()));
        }
        wharf.assertNoLeaks();
    }

    @Test
    void pipelinedCommandsAnswerInOrderEvenAcrossATransfer() throws Exception {
        byte[] content = new byte[3 << 20];
        new java.util.Random(7).nextBytes(content);
        Files.write(wharf.home().resolve("big.bin"), content);
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            ftp.expect("TYPE I", 200);
            Socket data = ftp.epsv();
            // RETR plus three commands in one write: the later ones must wait for the transfer's 226.
            // An over-long line among them (the cap is 1024 here) is answered in its turn too.
            String tooLong = "NOOP " + "x".repeat(2000);
            ftp.sendRaw(("RETR big.bin\r\nPWD\r\n" + tooLong + "\r\nNOOP\r\nSYST\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertEquals(150, RawFtp.code(ftp.reply()));
            try (InputStream in = data.getInputStream()) {
                assertArrayEquals(content, in.readAllBytes());
            }
            assertEquals(226, RawFtp.code(ftp.reply()));
            assertEquals(257, RawFtp.code(ftp.reply()));
            assertEquals(500, RawFtp.code(ftp.reply()));
            assertEquals(200, RawFtp.code(ftp.reply()));
            assertEquals(215, RawFtp.code(ftp.reply()));
        }
        wharf.assertNoLeaks();
    }

    @Test
    void passiveListenerThatNobodyConnectsToTimesOutAndReturnsItsPort() throws Exception {
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            ftp.expect("EPSV", 229);
            assertEquals(wharf.pool().capacity() - 1, wharf.pool().available());
            ftp.send("LIST");
            assertEquals(150, RawFtp.code(ftp.reply()));
            String reply = ftp.reply();                      // data-connect timeout is 1 s here
            assertEquals(425, RawFtp.code(reply), reply);
            WharfServerExtension.await(() -> wharf.pool().available() == wharf.pool().capacity(),
                    "the timed-out listener's port did not come back");
            ftp.expect("NOOP", 200);
        }
        wharf.assertNoLeaks();
    }

    @Test
    void repeatedPasvHoldsAtMostOnePort() throws Exception {
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            for (int i = 0; i < 3 * wharf.pool().capacity(); i++) {
                ftp.expect(i % 2 == 0 ? "PASV" : "EPSV", i % 2 == 0 ? 227 : 229);
                // The replaced listener's port returns once its loop's next select has released the socket.
                WharfServerExtension.await(() -> wharf.pool().available() == wharf.pool().capacity() - 1,
                        "ports held after PASV " + i + ": " + (wharf.pool().capacity() - wharf.pool().available()));
            }
        }
        wharf.assertNoLeaks();
    }

    @Test
    void idleSessionIsToldWhyAndClosed() throws Exception {
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            String reply = ftp.reply();                      // idle timeout is 2 s here
            assertEquals(421, RawFtp.code(reply), reply);
            assertTrue(reply.contains("Idle timeout"), reply);
            assertTrue(ftp.isClosedByServer());
        }
        wharf.assertNoLeaks();
    }

    @Test
    void abortStopsARunningDownloadAndKeepsTheSession() throws Exception {
        Files.write(wharf.home().resolve("huge.bin"), new byte[64 << 20]);
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            ftp.expect("TYPE I", 200);
            Socket data = ftp.epsv();
            ftp.expect("RETR huge.bin", 150);
            data.getInputStream().readNBytes(1024);         // the transfer is running; we stop reading
            ftp.send("ABOR");
            assertEquals(426, RawFtp.code(ftp.reply()));
            assertEquals(226, RawFtp.code(ftp.reply()));
            ftp.expect("NOOP", 200);
            data.close();
        }
        wharf.assertNoLeaks();
    }

    @Test
    void stalledDownloadIsAbortedAndTheSessionGoesOn() throws Exception {
        Files.write(wharf.home().resolve("huge.bin"), new byte[64 << 20]);
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            ftp.expect("TYPE I", 200);
            Socket data = ftp.epsv();
            data.setReceiveBufferSize(16 * 1024);
            ftp.expect("RETR huge.bin", 150);
            // Read nothing: once the socket buffers fill, no byte moves for a whole idle period (2 s here).
            String reply = ftp.reply();
            assertEquals(426, RawFtp.code(reply), reply);
            assertTrue(reply.contains("stalled"), reply);
            ftp.expect("NOOP", 200);
            data.close();
        }
        wharf.assertNoLeaks();
    }

    @Test
    void slowButMovingDownloadOutlivesTheIdleTimeout() throws Exception {
        byte[] content = new byte[1 << 20];
        new java.util.Random(5).nextBytes(content);
        Files.write(wharf.home().resolve("slow.bin"), content);
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            ftp.expect("TYPE I", 200);
            Socket data = new Socket();
            data.setReceiveBufferSize(8 * 1024);
            data.connect(new java.net.InetSocketAddress("127.0.0.1", epsvPort(ftp)));
            ftp.expect("RETR slow.bin", 150);
            java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
            byte[] chunk = new byte[16 * 1024];
            InputStream in = data.getInputStream();
            long start = System.nanoTime();
            // A deliberately slow reader (this pacing is the behaviour under test, not synchronisation):
            // the control connection stays silent for longer than the 2 s idle timeout while bytes keep moving.
            while (System.nanoTime() - start < Duration.ofSeconds(5).toNanos()) {
                int n = in.read(chunk);
                if (n < 0) {
                    break;
                }
                received.write(chunk, 0, n);
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(60).toNanos());
            }
            received.write(in.readAllBytes());
            assertArrayEquals(content, received.toByteArray());
            assertEquals(226, RawFtp.code(ftp.reply()));
            data.close();
        }
        wharf.assertNoLeaks();
    }

    private static int epsvPort(RawFtp ftp) throws Exception {
        String reply = ftp.expect("EPSV", 229);
        var m = java.util.regex.Pattern.compile("\\|\\|\\|(\\d+)\\|").matcher(reply);
        assertTrue(m.find(), reply);
        return Integer.parseInt(m.group(1));
    }

    @Test
    void nothingPipelinedAfterQuitRuns() throws Exception {
        Files.writeString(wharf.home().resolve("keep.txt"), "keep me");
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            ftp.sendRaw("NOOP\r\nQUIT\r\nDELE keep.txt\r\nMKD planted\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(200, RawFtp.code(ftp.reply()));
            assertEquals(221, RawFtp.code(ftp.reply()));
            assertTrue(ftp.isClosedByServer());
        }
        assertEquals("keep me", Files.readString(wharf.home().resolve("keep.txt")));
        assertTrue(Files.notExists(wharf.home().resolve("planted")));
        wharf.assertNoLeaks();
    }

    @Test
    void asciiSizeIsExactlyWhatAnAsciiDownloadSends() throws Exception {
        // Bare LFs, CRLFs and lone CRs, with some falling on the 64 KiB buffer boundaries.
        java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
        java.util.Random random = new java.util.Random(17);
        while (text.size() < 300_000) {
            int pick = random.nextInt(20);
            text.write(pick == 0 ? '\n' : pick == 1 ? '\r' : 'a' + pick);
            if (pick == 2) {
                text.write('\r');
                text.write('\n');
            }
        }
        byte[] content = text.toByteArray();
        content[65_535] = '\r';
        content[65_536] = '\n';
        Files.write(wharf.home().resolve("mixed.txt"), content);
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            ftp.expect("TYPE I", 200);
            assertEquals("213 " + content.length, ftp.expect("SIZE mixed.txt", 213));
            ftp.expect("TYPE A", 200);
            long asciiSize = Long.parseLong(ftp.expect("SIZE mixed.txt", 213).substring(4));
            Socket data = ftp.epsv();
            ftp.expect("RETR mixed.txt", 150);
            assertEquals(asciiSize, data.getInputStream().readAllBytes().length);
            assertEquals(226, RawFtp.code(ftp.reply()));
            assertTrue(asciiSize > content.length, "bare LFs must count a CR each");
        }
        wharf.assertNoLeaks();
    }

    @Test
    void activeConnectThatHangsTimesOutWith425AndTheLoopKeepsServing() throws Exception {
        Files.writeString(wharf.home().resolve("a.txt"), "a");
        // A listener whose accept queue is full: the kernel drops further SYNs, so a connect to it hangs.
        try (java.net.ServerSocket full = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"));
             RawFtp ftp = RawFtp.loggedIn(wharf.port());
             RawFtp other = RawFtp.loggedIn(wharf.port())) {
            java.util.List<Socket> fillers = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    Socket filler = new Socket();
                    try {
                        filler.connect(full.getLocalSocketAddress(), 200);
                    } catch (java.net.SocketTimeoutException queueFull) {
                        filler.close();
                        break;
                    }
                    fillers.add(filler);
                }
                ftp.expect("EPRT |1|127.0.0.1|" + full.getLocalPort() + "|", 200);
                ftp.expect("RETR a.txt", 150);
                other.expect("NOOP", 200);                   // the loop is not blocked by the hanging connect
                String reply = ftp.reply();                  // data-connect timeout is 1 s here
                assertEquals(425, RawFtp.code(reply), reply);
                assertTrue(reply.contains("did not accept within 1 s"), reply);
                ftp.expect("NOOP", 200);
            } finally {
                for (Socket filler : fillers) {
                    filler.close();
                }
            }
        }
        wharf.assertNoLeaks();
    }
}
