package io.wharf.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.CRC32;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** HASH and OPTS HASH (draft-bryan-ftpext-hash-02) and the XCRC/XMD5/XSHA1/XSHA256 aliases, against local digests. */
@Timeout(60)
class HashCommandsIT {

    private static final long SIZE = 3_000_001;     // several read buffers and an odd tail

    @RegisterExtension
    final WharfServerExtension wharf = new WharfServerExtension().passivePorts(4);

    @Test
    void hashUsesSha256ByDefaultAndTheAlgorithmOptsHashSelects() throws Exception {
        Path file = Digests.randomFile(wharf.home().resolve("data.bin"), SIZE, 42);
        byte[] bytes = Files.readAllBytes(file);
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            assertEquals("213 SHA-256 0-" + SIZE + " " + digest("SHA-256", bytes) + " data.bin",
                    ftp.expect("HASH data.bin", 213));
            assertEquals("200 SHA-256", ftp.expect("OPTS HASH", 200));
            assertTrue(ftp.expect("FEAT", 211).contains("\n HASH SHA-256*;SHA-1;MD5;CRC32\n"));

            assertEquals("200 SHA-1", ftp.expect("OPTS HASH sha-1", 200));
            assertEquals("213 SHA-1 0-" + SIZE + " " + digest("SHA-1", bytes) + " /data.bin",
                    ftp.expect("HASH /data.bin", 213));
            assertEquals("200 MD5", ftp.expect("OPTS HASH MD5", 200));
            assertEquals("213 MD5 0-" + SIZE + " " + digest("MD5", bytes) + " data.bin",
                    ftp.expect("HASH data.bin", 213));
            assertTrue(ftp.expect("FEAT", 211).contains("\n HASH SHA-256;SHA-1;MD5*;CRC32\n"));
            assertEquals("200 CRC32", ftp.expect("OPTS HASH CRC32", 200));
            assertEquals("213 CRC32 0-" + SIZE + " " + crc32(bytes).toLowerCase(Locale.ROOT) + " data.bin",
                    ftp.expect("HASH data.bin", 213));

            assertEquals("501 Unknown algorithm, current selection not changed", ftp.expect("OPTS HASH CRC-37", 501));
            assertEquals("200 CRC32", ftp.expect("OPTS HASH", 200));
        }
        try (RawFtp fresh = RawFtp.loggedIn(wharf.port())) {
            assertEquals("200 SHA-256", fresh.expect("OPTS HASH", 200));   // the choice belonged to that session
        }
        wharf.assertNoLeaks();
    }

    @Test
    void hashErrors() throws Exception {
        Files.createDirectories(wharf.home().resolve("dir"));
        Files.writeString(wharf.home().resolve(".wharf-upload-3-abc.part"), "partial");
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            ftp.expect("HASH", 501);
            ftp.expect("HASH missing.bin", 550);
            ftp.expect("HASH dir", 553);                    // draft 3.5: a directory has no hash
            ftp.expect("HASH /", 553);
            ftp.expect("HASH .wharf-upload-3-abc.part", 550);
            ftp.expect("XCRC dir", 550);
            ftp.expect("XMD5 missing.bin", 550);
            ftp.expect("XSHA1", 501);
            ftp.expect("NOOP", 200);                        // nothing left paused
        }
        try (RawFtp ftp = new RawFtp(wharf.port())) {
            ftp.expect("HASH x", 530);
            ftp.expect("XCRC x", 530);
        }
        wharf.assertNoLeaks();
    }

    @Test
    void legacyVerbsAnswerUppercaseHex() throws Exception {
        Path file = Digests.randomFile(wharf.home().resolve("data.bin"), SIZE, 7);
        byte[] bytes = Files.readAllBytes(file);
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            assertEquals("250 " + crc32(bytes), ftp.expect("XCRC data.bin", 250));
            assertEquals("250 " + digest("MD5", bytes).toUpperCase(Locale.ROOT), ftp.expect("XMD5 data.bin", 250));
            assertEquals("250 " + digest("SHA-1", bytes).toUpperCase(Locale.ROOT), ftp.expect("XSHA1 data.bin", 250));
            assertEquals("250 " + digest("SHA-256", bytes).toUpperCase(Locale.ROOT),
                    ftp.expect("XSHA256 data.bin", 250));
        }
        wharf.assertNoLeaks();
    }

    @Test
    void emptyAndSmallFiles() throws Exception {
        Files.write(wharf.home().resolve("empty"), new byte[0]);
        Files.writeString(wharf.home().resolve("with space.txt"), "abc");
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            assertEquals("213 SHA-256 0-0 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 empty",
                    ftp.expect("HASH empty", 213));
            assertEquals("250 00000000", ftp.expect("XCRC empty", 250));
            assertEquals("213 SHA-256 0-3 ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
                    + " with space.txt", ftp.expect("HASH with space.txt", 213));
            assertEquals("250 352441C2", ftp.expect("XCRC with space.txt", 250));
        }
        wharf.assertNoLeaks();
    }

    @Test
    void commandsPipelinedBehindAHashWaitForItsAnswer() throws Exception {
        Path file = Digests.randomFile(wharf.home().resolve("big.bin"), 32L << 20, 3);
        String expected = Digests.sha256(file);
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            ftp.sendRaw("HASH big.bin\r\nPWD\r\nXCRC big.bin\r\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("213 SHA-256 0-" + (32L << 20) + " " + expected + " big.bin", ftp.reply());
            assertEquals(257, RawFtp.code(ftp.reply()));
            assertEquals(250, RawFtp.code(ftp.reply()));
            assertEquals(200, RawFtp.code(ftp.reply()));
        }
        wharf.assertNoLeaks();
    }

    @Test
    void commonsNetSeesTheHashFeature() throws Exception {
        Files.writeString(wharf.home().resolve("a.txt"), "abc");
        FTPClient ftp = wharf.loggedInClient();
        try {
            assertTrue(ftp.hasFeature("HASH"));
            assertEquals("SHA-256*;SHA-1;MD5;CRC32", ftp.featureValue("HASH"));
            assertEquals(213, ftp.sendCommand("HASH", "a.txt"));
            assertEquals("213 SHA-256 0-3 ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad a.txt",
                    ftp.getReplyString().trim());
        } finally {
            ftp.logout();
            ftp.disconnect();
        }
        wharf.assertNoLeaks();
    }

    private static String digest(String algorithm, byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    }

    private static String crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return String.format(Locale.ROOT, "%08X", crc.getValue());
    }
}
