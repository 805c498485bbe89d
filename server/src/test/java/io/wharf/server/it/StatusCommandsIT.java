package io.wharf.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** STAT in its three forms, HELP, SITE, HOST, ALLO, and the exact FEAT list. */
@Timeout(60)
class StatusCommandsIT {

    @RegisterExtension
    final WharfServerExtension wharf = new WharfServerExtension().passivePorts(4);

    @Test
    void featListsExactlyWhatIsImplemented() throws Exception {
        try (RawFtp ftp = new RawFtp(wharf.port())) {
            assertEquals(String.join("\n", "211-Features:", " EPRT", " EPSV", " HASH SHA-256*;SHA-1;MD5;CRC32", " HOST",
                    " MDTM", " MFMT", " MLSD", " MLST type*;size*;modify*;perm*;unique*;", " PASV", " REST STREAM",
                    " SIZE", " TVFS", " UTF8", "211 End"), ftp.expect("FEAT", 211));
        }
        wharf.assertNoLeaks();
    }

    @Test
    void statWithoutArgumentDescribesTheSession() throws Exception {
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            String status = ftp.expect("STAT", 211);
            assertTrue(status.startsWith("211-"), status);
            assertTrue(status.endsWith("\n211 End of status"), status);
            assertTrue(status.contains("Logged in as " + WharfServerExtension.USER), status);
            assertTrue(status.contains(" from 127.0.0.1:" + ftp.socket().getLocalPort()), status);
            assertTrue(status.contains("TYPE: ASCII"), status);
            assertTrue(status.contains("Data connection: none"), status);
            ftp.expect("TYPE I", 200);
            ftp.expect("EPSV", 229);
            status = ftp.expect("STAT", 211);
            assertTrue(status.contains("TYPE: BINARY"), status);
            assertTrue(status.contains("Data connection: ready"), status);
        }
        try (RawFtp ftp = new RawFtp(wharf.port())) {
            ftp.expect("STAT", 530);
        }
        wharf.assertNoLeaks();
    }

    @Test
    void statWithAPathListsItOnTheControlConnection() throws Exception {
        Path home = wharf.home();
        Files.createDirectories(home.resolve("out/sub"));
        Path file = Files.writeString(home.resolve("out/a.csv"), "12345");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2019-05-06T07:08:09Z")));
        Files.writeString(home.resolve("out/.wharf-upload-1-x.part"), "hidden");
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            String listing = ftp.expect("STAT out", 213);
            assertTrue(listing.startsWith("213-Status of /out:\n"), listing);
            assertTrue(listing.endsWith("\n213 End of status"), listing);
            assertTrue(listing.matches("(?s).*\n -[-rwx]{9} 1 ftp ftp {12}5 May  6  2019 a\\.csv\n.*"), listing);
            assertTrue(listing.matches("(?s).*\n d[-rwx]{9} 1 ftp ftp +\\d+ \\w{3} [ \\d]\\d [ \\d:]{5} sub\n.*"),
                    listing);
            assertFalse(listing.contains("wharf-upload"), listing);
            assertEquals(4, listing.split("\n").length, listing);

            String single = ftp.expect("STAT -l out/a.csv", 213);
            assertTrue(single.matches("213-Status of /out/a\\.csv:\n -[-rwx]{9} 1 ftp ftp +5 May  6  2019 a\\.csv\n"
                    + "213 End of status"), single);
            ftp.expect("STAT missing", 550);
            ftp.expect("STAT ../../..", 213);               // the home, clamped
        }
        wharf.assertNoLeaks();
    }

    @Test
    void statOfAHugeDirectoryIsTruncated() throws Exception {
        Path many = Files.createDirectories(wharf.home().resolve("many"));
        Path wide = Files.createDirectories(wharf.home().resolve("wide"));
        for (int i = 0; i < 700; i++) {
            Files.createFile(many.resolve("f" + i));
            Files.createFile(wide.resolve("file-with-a-long-name-so-that-the-byte-cap-comes-first-" + i + ".dat"));
        }
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            String[] lines = ftp.expect("STAT many", 213).split("\n");
            assertEquals(500 + 3, lines.length);            // first line, 500 entries, the note, last line
            assertTrue(lines[lines.length - 2].contains("truncated after 500 entries"), lines[lines.length - 2]);

            String listing = ftp.expect("STAT wide", 213);
            lines = listing.split("\n");
            assertTrue(lines.length < 500, "entries: " + lines.length);
            assertTrue(listing.length() < 40 * 1024, "bytes: " + listing.length());
            assertTrue(lines[lines.length - 2].contains("truncated after " + (lines.length - 3) + " entries"));
            ftp.expect("NOOP", 200);
        }
        wharf.assertNoLeaks();
    }

    @Test
    void statDuringADownloadReportsItsProgress() throws Exception {
        try (RandomAccessFile big = new RandomAccessFile(wharf.home().resolve("big.bin").toFile(), "rw")) {
            big.setLength(64L << 20);
        }
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            ftp.expect("TYPE I", 200);
            try (Socket data = ftp.epsv()) {
                ftp.expect("RETR big.bin", 150);
                // Nothing reads the data socket, so the transfer stalls with full socket buffers.
                String status = ftp.expect("STAT", 213);
                assertTrue(status.matches("213 Transferring RETR /big\\.bin: \\d+ bytes so far"), status);
                ftp.expect("STAT big.bin", 213);            // with an argument too: the transfer's status
                ftp.expect("ABOR", 426);
                assertEquals(226, RawFtp.code(ftp.reply()));
            }
            ftp.expect("NOOP", 200);
        }
        wharf.assertNoLeaks();
    }

    @Test
    void helpListsTheVerbsAndTheirSyntax() throws Exception {
        try (RawFtp ftp = new RawFtp(wharf.port())) {
            String help = ftp.expect("HELP", 214);             // allowed before login
            assertTrue(help.startsWith("214-The following commands are recognized:\n"), help);
            assertTrue(help.endsWith("\n214 Help OK"), help);
            for (String verb : new String[] {"ABOR", "RNFR", "RNTO", "MLST", "HASH", "XSHA256", "STAT", "HOST"}) {
                assertTrue(help.matches("(?s).*[ \n]" + verb + "[ \n].*"), verb + " in " + help);
            }
            assertEquals("214 Syntax: MFMT YYYYMMDDHHMMSS path", ftp.expect("HELP mfmt", 214));
            assertEquals("214 Syntax: NOOP", ftp.expect("HELP NOOP", 214));
            assertEquals("502 Unknown command XYZZ", ftp.expect("HELP XYZZ", 502));
            ftp.expect("SITE HELP", 530);
        }
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            ftp.expect("HELP", 214);
            assertEquals("214-The following SITE commands are recognized:\n HELP\n214 Help OK",
                    ftp.expect("SITE HELP", 214));
            ftp.expect("SITE CHMOD 777 x", 504);
            ftp.expect("SITE", 501);
        }
        wharf.assertNoLeaks();
    }

    @Test
    void hostIsAcceptedOnlyBeforeUser() throws Exception {
        try (RawFtp ftp = new RawFtp(wharf.port())) {
            assertEquals("220 Host accepted", ftp.expect("HOST ftp.example.com", 220));
            ftp.expect("HOST [::1]", 220);
            ftp.expect("HOST 192.0.2.7", 220);
            ftp.expect("HOST", 501);
            ftp.expect("HOST two words", 501);
            ftp.expect("USER " + WharfServerExtension.USER, 331);
            ftp.expect("HOST ftp.example.com", 503);       // RFC 7151 3: HOST comes before USER
            ftp.expect("PASS " + WharfServerExtension.PASSWORD, 230);
            ftp.expect("HOST ftp.example.com", 503);
        }
        wharf.assertNoLeaks();
    }

    @Test
    void alloIsSuperfluous() throws Exception {
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            assertEquals("202 ALLO not needed", ftp.expect("ALLO 1048576", 202));
            ftp.expect("ALLO 1000 R 100", 202);
            ftp.expect("ALLO", 501);
            ftp.expect("ALLO lots", 501);
            ftp.expect("ALLO -5", 501);
        }
        wharf.assertNoLeaks();
    }

    @Test
    void commonsNetStatusHelpSiteAndAllo() throws Exception {
        Files.writeString(wharf.home().resolve("a.txt"), "abc");
        FTPClient ftp = wharf.loggedInClient();
        try {
            String status = ftp.getStatus();
            assertTrue(status != null && status.contains("End of status"), ftp.getReplyString());
            String file = ftp.getStatus("a.txt");
            assertTrue(file != null && file.contains(" a.txt"), ftp.getReplyString());
            assertTrue(ftp.listHelp().contains("RNFR"));
            assertTrue(ftp.listHelp("RNFR").contains("Syntax: RNFR path"));
            assertTrue(ftp.sendSiteCommand("HELP"));
            assertTrue(ftp.allocate(4096));
            assertEquals(202, ftp.getReplyCode());
            assertTrue(FTPReply.isPositiveCompletion(ftp.noop()));
        } finally {
            ftp.logout();
            ftp.disconnect();
        }
        wharf.assertNoLeaks();
    }
}
