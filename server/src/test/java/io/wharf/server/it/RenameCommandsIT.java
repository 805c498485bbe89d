package io.wharf.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.server.data.UploadFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** RNFR and RNTO (RFC 959 4.1.3): sequencing, files, directories, replacement and refusals. */
@Timeout(60)
class RenameCommandsIT {

    @RegisterExtension
    final WharfServerExtension wharf = new WharfServerExtension().passivePorts(4);

    @Test
    void renamesAFile() throws Exception {
        Path home = wharf.home();
        Files.writeString(home.resolve("a.txt"), "alpha");
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            assertEquals("350 Ready for RNTO", ftp.expect("RNFR a.txt", 350));
            assertEquals("250 Renamed /a.txt to /b.txt", ftp.expect("RNTO b.txt", 250));
            ftp.expect("RNTO c.txt", 503);                 // the RNFR was used up
        }
        assertFalse(Files.exists(home.resolve("a.txt")));
        assertEquals("alpha", Files.readString(home.resolve("b.txt")));
        wharf.assertNoLeaks();
    }

    @Test
    void rntoMustFollowRnfrImmediately() throws Exception {
        Files.writeString(wharf.home().resolve("a.txt"), "alpha");
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            assertEquals("503 RNFR required first", ftp.expect("RNTO b.txt", 503));
            ftp.expect("RNFR a.txt", 350);
            ftp.expect("NOOP", 200);
            assertEquals("503 RNFR required first", ftp.expect("RNTO b.txt", 503));
            ftp.expect("RNFR a.txt", 350);
            ftp.expect("RNTO", 501);                        // no target; the RNFR is spent too
            ftp.expect("RNTO b.txt", 503);
        }
        try (RawFtp ftp = new RawFtp(wharf.port())) {
            ftp.expect("RNFR a.txt", 530);                  // not before login
            ftp.expect("RNTO b.txt", 530);
        }
        assertTrue(Files.exists(wharf.home().resolve("a.txt")));
        assertFalse(Files.exists(wharf.home().resolve("b.txt")));
        wharf.assertNoLeaks();
    }

    @Test
    void rnfrNeedsAnExistingSourceThatIsNotTheHome() throws Exception {
        Files.writeString(wharf.home().resolve(".wharf-upload-1-abc.part"), "partial");
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            ftp.expect("RNFR", 501);
            ftp.expect("RNFR missing.txt", 550);
            ftp.expect("RNFR no/such/dir.txt", 550);
            assertEquals("550 Cannot rename the home directory", ftp.expect("RNFR /", 550));
            ftp.expect("RNFR .", 550);
            ftp.expect("RNFR ../..", 550);                  // clamped to the home, which cannot be renamed
            ftp.expect("RNFR .wharf-upload-1-abc.part", 550);   // upload temporaries are invisible
        }
        wharf.assertNoLeaks();
    }

    @Test
    void renamesADirectoryWithItsContents() throws Exception {
        Path home = wharf.home();
        Files.createDirectories(home.resolve("in/deep"));
        Files.writeString(home.resolve("in/deep/x.csv"), "1,2,3");
        Files.createDirectories(home.resolve("archive"));
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            ftp.expect("RNFR in", 350);
            ftp.expect("RNTO archive/2024", 250);
            ftp.expect("CWD /archive/2024/deep", 250);
            ftp.expect("RNFR x.csv", 350);
            ftp.expect("RNTO ../y.csv", 250);               // relative to the working directory
        }
        assertFalse(Files.exists(home.resolve("in")));
        assertEquals("1,2,3", Files.readString(home.resolve("archive/2024/y.csv")));
        assertTrue(Files.isDirectory(home.resolve("archive/2024/deep")));
        wharf.assertNoLeaks();
    }

    @Test
    void replacesAnExistingFileButNotADirectory() throws Exception {
        Path home = wharf.home();
        Files.writeString(home.resolve("new.txt"), "new");
        Files.writeString(home.resolve("old.txt"), "old");
        Files.createDirectories(home.resolve("dir/inner"));
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            ftp.expect("RNFR new.txt", 350);
            ftp.expect("RNTO old.txt", 250);                // replaced, as vsftpd does
            ftp.expect("RNFR old.txt", 350);
            ftp.expect("RNTO dir", 553);                    // a directory is never replaced
            ftp.expect("RNFR dir", 350);
            ftp.expect("RNTO old.txt", 553);                // nor a file by a directory
            ftp.expect("RNFR dir", 350);
            ftp.expect("RNTO dir/inner/moved", 553);        // into itself
            ftp.expect("RNFR dir", 350);
            ftp.expect("RNTO /", 553);
            ftp.expect("RNFR old.txt", 350);
            ftp.expect("RNTO old.txt", 250);                // onto itself: nothing to do
            ftp.expect("RNFR old.txt", 350);
            ftp.expect("RNTO no/such/dir.txt", 553);
            ftp.expect("RNFR old.txt", 350);
            ftp.expect("RNTO .wharf-upload-9-x.part", 553);  // the hidden namespace is not a target
        }
        assertFalse(Files.exists(home.resolve("new.txt")));
        assertEquals("new", Files.readString(home.resolve("old.txt")));
        assertTrue(Files.isDirectory(home.resolve("dir/inner")));
        wharf.assertNoLeaks();
    }

    @Test
    void renameOntoANameWithAnInterruptedUploadDropsItsPartial() throws Exception {
        Path home = wharf.home();
        Path source = Files.writeString(home.resolve("complete.csv"), "complete");
        Files.setLastModifiedTime(source, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        Path partial = Files.writeString(UploadFiles.partialOf(home.resolve("target.csv")), "half of an upload");
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            ftp.expect("TYPE I", 200);
            assertEquals("213 17", ftp.expect("SIZE target.csv", 213));    // the partial a resume would continue
            ftp.expect("RNFR complete.csv", 350);
            ftp.expect("RNTO target.csv", 250);
            assertEquals("213 8", ftp.expect("SIZE target.csv", 213));     // the renamed file, not the old partial
        }
        assertFalse(Files.exists(partial));
        wharf.assertNoLeaks();
    }

    @Test
    void targetsOutsideTheHomeAreClampedOrRefused() throws Exception {
        Path home = wharf.home();
        Files.writeString(home.resolve("a.txt"), "alpha");
        Path outside = Files.createDirectories(wharf.outside().resolve("elsewhere"));
        Files.createSymbolicLink(home.resolve("link"), outside);
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            ftp.expect("RNFR a.txt", 350);
            ftp.expect("RNTO link/a.txt", 553);             // through a symbolic link that leaves the root
            ftp.expect("RNFR link", 550);                   // the link itself resolves outside: invisible
            ftp.expect("RNFR a.txt", 350);
            ftp.expect("RNTO ../../../b.txt", 250);         // ".." stops at the home
        }
        assertTrue(Files.exists(home.resolve("b.txt")));
        try (var escaped = Files.list(outside)) {
            assertEquals(0, escaped.count());
        }
        wharf.assertNoLeaks();
    }

    @Test
    void commonsNetRename() throws Exception {
        Path home = wharf.home();
        Files.write(home.resolve("report.csv"), "a,b".getBytes(StandardCharsets.UTF_8));
        FTPClient ftp = wharf.loggedInClient();
        try {
            assertTrue(ftp.rename("report.csv", "report-final.csv"), ftp.getReplyString());
            assertFalse(ftp.rename("report.csv", "again.csv"));
            assertEquals(550, ftp.getReplyCode());
            assertTrue(ftp.makeDirectory("done"));
            assertTrue(ftp.rename("report-final.csv", "done/report.csv"), ftp.getReplyString());
        } finally {
            ftp.logout();
            ftp.disconnect();
        }
        assertEquals("a,b", Files.readString(home.resolve("done/report.csv")));
        wharf.assertNoLeaks();
    }
}
