package io.wharf.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Uploads appear whole or not at all: a cut data or control connection never leaves a partial file under the
 * target's name. What was received stays as a hidden partial that SIZE reports and APPE or REST+STOR continue.
 */
@Timeout(60)
class AtomicUploadIT {

    @RegisterExtension
    final WharfServerExtension wharf = new WharfServerExtension().passivePorts(4);

    @Test
    void resetDataConnectionGets426AndLeavesTheTargetUntouched() throws Exception {
        Files.writeString(wharf.home().resolve("report.csv"), "previous version");
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            ftp.expect("TYPE I", 200);
            Socket data = ftp.epsv();
            ftp.expect("STOR report.csv", 150);
            data.getOutputStream().write(new byte[256 * 1024]);
            // While the upload is in flight the target is untouched and only a hidden temporary file exists.
            WharfServerExtension.await(() -> allNames().size() == 2, "temporary upload file not created");
            assertEquals("previous version", Files.readString(wharf.home().resolve("report.csv")));
            data.setSoLinger(true, 0);
            data.close();                                   // RST: the upload did not finish
            String reply = ftp.reply();
            assertEquals(426, RawFtp.code(reply), reply);
            assertEquals(List.of("report.csv"), visibleNames());
            assertEquals("previous version", Files.readString(wharf.home().resolve("report.csv")));
            ftp.expect("NOOP", 200);                        // the control connection is still usable
            Socket listing = ftp.epsv();
            ftp.expect("NLST -a", 150);
            assertEquals("report.csv\r\n", new String(listing.getInputStream().readAllBytes()));
            assertEquals(226, RawFtp.code(ftp.reply()));    // the partial never shows in listings
        }
        wharf.assertNoLeaks();
    }

    @Test
    void interruptedUploadResumesWithAppeOrRestAndAppearsWhole() throws Exception {
        byte[] content = new byte[3 << 20];
        new java.util.Random(9).nextBytes(content);
        for (String resume : new String[] {"APPE", "REST"}) {
            String name = "resumed-" + resume + ".bin";
            int cut = uploadThenReset(name, content, 1 << 20);
            assertFalse(Files.exists(wharf.home().resolve(name)), "a partial must never appear under its name");
            try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
                ftp.expect("TYPE I", 200);
                long stored = Long.parseLong(ftp.expect("SIZE " + name, 213).substring(4).trim());
                assertTrue(stored > 0 && stored <= cut, "partial size " + stored + " of " + cut + " sent");
                Socket data = ftp.epsv();
                if (resume.equals("REST")) {
                    ftp.expect("REST " + stored, 350);
                    ftp.expect("STOR " + name, 150);
                } else {
                    ftp.expect("APPE " + name, 150);
                }
                data.getOutputStream().write(content, (int) stored, content.length - (int) stored);
                data.close();
                assertEquals(226, RawFtp.code(ftp.reply()));
            }
            assertEquals(Digests.sha256(content), Digests.sha256(wharf.home().resolve(name)));
        }
        assertEquals(List.of("resumed-APPE.bin", "resumed-REST.bin"), allNames(), "no partial may remain");
        wharf.assertNoLeaks();
    }

    @Test
    void restBeyondTheStoredBytesIsRefusedWith554() throws Exception {
        Files.write(wharf.home().resolve("small.bin"), new byte[100]);
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            ftp.expect("TYPE I", 200);
            Socket data = ftp.epsv();
            ftp.expect("REST 101", 350);
            ftp.expect("STOR small.bin", 554);
            ftp.expect("REST 101", 350);
            ftp.expect("RETR small.bin", 554);
            ftp.expect("REST -5", 501);
            ftp.expect("REST abc", 501);
            ftp.expect("REST 40", 350);
            ftp.expect("RETR small.bin", 150);
            assertEquals(60, data.getInputStream().readAllBytes().length);
            assertEquals(226, RawFtp.code(ftp.reply()));
        }
        assertEquals(100, Files.size(wharf.home().resolve("small.bin")));
        assertEquals(List.of("small.bin"), allNames());
        wharf.assertNoLeaks();
    }

    /** Starts uploading {@code content} as {@code name}, resets after {@code cut} bytes; returns the bytes sent. */
    private int uploadThenReset(String name, byte[] content, int cut) throws Exception {
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            ftp.expect("TYPE I", 200);
            Socket data = ftp.epsv();
            ftp.expect("STOR " + name, 150);
            data.getOutputStream().write(content, 0, cut);
            data.getOutputStream().flush();
            data.setSoLinger(true, 0);
            data.close();
            assertEquals(426, RawFtp.code(ftp.reply()));
        }
        return cut;
    }

    @Test
    void resetControlConnectionMidUploadLeavesNothingVisible() throws Exception {
        RawFtp ftp = RawFtp.loggedIn(wharf.port());
        ftp.expect("TYPE I", 200);
        Socket data = ftp.epsv();
        ftp.expect("STOR fresh.bin", 150);
        data.getOutputStream().write(new byte[128 * 1024]);
        WharfServerExtension.await(() -> allNames().size() == 1, "temporary upload file not created");
        ftp.socket().setSoLinger(true, 0);
        ftp.close();
        WharfServerExtension.await(() -> wharf.server().context().sessions() == 0, "session not closed");
        data.close();
        assertTrue(visibleNames().isEmpty(), "visible after an interrupted upload: " + visibleNames());
        assertFalse(Files.exists(wharf.home().resolve("fresh.bin")));
        wharf.assertNoLeaks();
    }

    @Test
    void completedUploadReplacesTheTargetAtomically() throws Exception {
        Files.writeString(wharf.home().resolve("report.csv"), "previous version");
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            ftp.expect("TYPE I", 200);
            Socket data = ftp.epsv();
            ftp.expect("STOR report.csv", 150);
            data.getOutputStream().write("new version".getBytes());
            data.close();
            assertEquals(226, RawFtp.code(ftp.reply()));
        }
        assertEquals(List.of("report.csv"), allNames());
        assertEquals("new version", Files.readString(wharf.home().resolve("report.csv")));
        wharf.assertNoLeaks();
    }

    private List<String> allNames() {
        try (Stream<java.nio.file.Path> files = Files.list(wharf.home())) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<String> visibleNames() {
        return allNames().stream().filter(n -> !n.startsWith(".wharf-upload-")).toList();
    }
}
