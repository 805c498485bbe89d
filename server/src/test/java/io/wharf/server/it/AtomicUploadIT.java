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

/** Uploads appear whole or not at all: nothing partial survives a cut data or control connection. */
@Timeout(60)
class AtomicUploadIT {

    @RegisterExtension
    final WharfServerExtension wharf = new WharfServerExtension().passivePorts(4);

    @Test
    void resetDataConnectionGets426AndLeavesNoFile() throws Exception {
        Files.writeString(wharf.home().resolve("report.csv"), "previous version");
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            ftp.expect("TYPE I", 200);
            Socket data = ftp.epsv();
            ftp.expect("STOR report.csv", 150);
            data.getOutputStream().write(new byte[256 * 1024]);
            // While the upload is in flight the target is untouched and only a hidden temporary file exists.
            WharfServerExtension.await(() -> names().size() == 2, "temporary upload file not created");
            assertEquals("previous version", Files.readString(wharf.home().resolve("report.csv")));
            data.setSoLinger(true, 0);
            data.close();                                   // RST: the upload did not finish
            String reply = ftp.reply();
            assertEquals(426, RawFtp.code(reply), reply);
            assertEquals(List.of("report.csv"), names());
            assertEquals("previous version", Files.readString(wharf.home().resolve("report.csv")));
            ftp.expect("NOOP", 200);                        // the control connection is still usable
        }
        wharf.assertNoLeaks();
    }

    @Test
    void resetControlConnectionMidUploadLeavesNoFile() throws Exception {
        RawFtp ftp = RawFtp.loggedIn(wharf.port());
        ftp.expect("TYPE I", 200);
        Socket data = ftp.epsv();
        ftp.expect("STOR fresh.bin", 150);
        data.getOutputStream().write(new byte[128 * 1024]);
        WharfServerExtension.await(() -> names().size() == 1, "temporary upload file not created");
        ftp.socket().setSoLinger(true, 0);
        ftp.close();
        WharfServerExtension.await(() -> wharf.server().context().sessions() == 0, "session not closed");
        data.close();
        assertTrue(names().isEmpty(), "left behind: " + names());
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
        assertEquals(List.of("report.csv"), names());
        assertEquals("new version", Files.readString(wharf.home().resolve("report.csv")));
        wharf.assertNoLeaks();
    }

    private List<String> names() {
        try (Stream<java.nio.file.Path> files = Files.list(wharf.home())) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
