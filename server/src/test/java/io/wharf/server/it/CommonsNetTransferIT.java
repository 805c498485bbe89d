package io.wharf.server.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Apache Commons Net against a real server: login, directories, 20 MiB both ways in PASV and EPSV, listings. */
@Timeout(120)
class CommonsNetTransferIT {

    private static final long SIZE = 20L << 20;

    @RegisterExtension
    final WharfServerExtension wharf = new WharfServerExtension().passivePorts(8);

    @ParameterizedTest(name = "EPSV={0}")
    @ValueSource(booleans = {false, true})
    void uploadAndDownloadTwentyMebibytesKeepEveryByte(boolean epsv, @TempDir Path tmp) throws Exception {
        Path original = Digests.randomFile(tmp.resolve("original.bin"), SIZE, 42);
        FTPClient ftp = wharf.loggedInClient();
        ftp.setUseEPSVwithIPv4(epsv);

        assertTrue(ftp.makeDirectory("inbound"), ftp.getReplyString());
        assertEquals(257, ftp.getReplyCode());
        assertTrue(ftp.changeWorkingDirectory("inbound"), ftp.getReplyString());
        try (InputStream in = Files.newInputStream(original)) {
            assertTrue(ftp.storeFile("data.bin", in), ftp.getReplyString());
        }
        assertEquals(226, ftp.getReplyCode());
        assertEquals(Digests.sha256(original), Digests.sha256(wharf.home().resolve("inbound/data.bin")));

        Path copy = tmp.resolve("copy.bin");
        try (OutputStream out = Files.newOutputStream(copy)) {
            assertTrue(ftp.retrieveFile("/inbound/data.bin", out), ftp.getReplyString());
        }
        assertEquals(Digests.sha256(original), Digests.sha256(copy));
        assertTrue(ftp.getReplyString().startsWith("226"), ftp.getReplyString());

        assertEquals("213 " + SIZE, ftp.sendCommand("SIZE", "data.bin") == 213
                ? ftp.getReplyString().trim() : "SIZE failed: " + ftp.getReplyString());

        FTPFile[] listed = ftp.listFiles();
        assertEquals(1, listed.length, Arrays.toString(listed));
        assertEquals("data.bin", listed[0].getName());
        assertEquals(SIZE, listed[0].getSize());
        assertTrue(listed[0].isFile());

        assertTrue(ftp.deleteFile("data.bin"), ftp.getReplyString());
        assertFalse(Files.exists(wharf.home().resolve("inbound/data.bin")));
        assertTrue(ftp.changeToParentDirectory(), ftp.getReplyString());
        assertTrue(ftp.removeDirectory("inbound"), ftp.getReplyString());
        assertTrue(ftp.logout());
        ftp.disconnect();
        wharf.assertNoLeaks();
    }

    @Test
    void wrongPasswordIsRefusedWith530AndTheSessionMayRetry() throws Exception {
        FTPClient ftp = wharf.connectedClient();
        assertFalse(ftp.login(WharfServerExtension.USER, "not-the-password"));
        assertEquals(530, ftp.getReplyCode());
        assertFalse(ftp.login("nobody", "whatever"));
        assertEquals(530, ftp.getReplyCode());
        assertEquals(530, ftp.pwd(), "commands before login must get 530");
        assertTrue(ftp.login(WharfServerExtension.USER, WharfServerExtension.PASSWORD), ftp.getReplyString());
        assertEquals(257, ftp.pwd());
        assertTrue(ftp.getReplyString().contains("\"/\""), ftp.getReplyString());
        ftp.disconnect();
        wharf.assertNoLeaks();
    }

    @Test
    void listingShowsFilesAndDirectoriesAndNamesOnly() throws Exception {
        Files.createDirectories(wharf.home().resolve("reports"));
        Files.writeString(wharf.home().resolve("a.csv"), "x,y\n1,2\n");
        Files.writeString(wharf.home().resolve("reports/q3.csv"), "q3");
        FTPClient ftp = wharf.loggedInClient();

        FTPFile[] root = ftp.listFiles();
        assertEquals(2, root.length, Arrays.toString(root));
        FTPFile dir = Arrays.stream(root).filter(f -> f.getName().equals("reports")).findFirst().orElseThrow();
        FTPFile file = Arrays.stream(root).filter(f -> f.getName().equals("a.csv")).findFirst().orElseThrow();
        assertTrue(dir.isDirectory());
        assertEquals(8, file.getSize());

        String[] names = ftp.listNames("reports");
        assertArrayEquals(new String[] {"q3.csv"}, names);
        FTPFile[] one = ftp.listFiles("reports/q3.csv");
        assertEquals(1, one.length);
        assertEquals(2, one[0].getSize());
        ftp.disconnect();
        wharf.assertNoLeaks();
    }

    @Test
    void asciiTypeConvertsLineEndsBothWays() throws Exception {
        Files.writeString(wharf.home().resolve("unix.txt"), "one\ntwo\r\nthree\n");
        // On the wire, TYPE A lines end in CRLF (an existing CRLF is not doubled).
        try (RawFtp raw = RawFtp.loggedIn(wharf.port())) {
            raw.expect("TYPE A", 200);
            java.net.Socket data = raw.epsv();
            raw.expect("RETR unix.txt", 150);
            assertEquals("one\r\ntwo\r\nthree\r\n",
                    new String(data.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals(226, RawFtp.code(raw.reply()));
            data = raw.epsv();
            raw.expect("STOR dos.txt", 150);
            data.getOutputStream().write(
                    "alpha\r\nbeta\r\nlone\rcr\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            data.close();
            assertEquals(226, RawFtp.code(raw.reply()));
        }
        assertEquals("alpha\nbeta\nlone\rcr\n", Files.readString(wharf.home().resolve("dos.txt")));

        // And a real client's ASCII round trip restores the local text.
        FTPClient ftp = wharf.loggedInClient();
        assertTrue(ftp.setFileType(FTP.ASCII_FILE_TYPE));
        java.io.ByteArrayOutputStream back = new java.io.ByteArrayOutputStream();
        assertTrue(ftp.retrieveFile("dos.txt", back), ftp.getReplyString());
        assertEquals("alpha\nbeta\nlone\rcr\n", back.toString(java.nio.charset.StandardCharsets.US_ASCII));
        ftp.disconnect();
        wharf.assertNoLeaks();
    }
}
