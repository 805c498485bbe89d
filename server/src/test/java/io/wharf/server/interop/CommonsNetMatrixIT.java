package io.wharf.server.interop;

import static io.wharf.server.interop.Interop.KEEP;
import static io.wharf.server.interop.Interop.SIZE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.server.it.Digests;
import io.wharf.server.it.WharfServerExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.commons.net.ProtocolCommandEvent;
import org.apache.commons.net.ProtocolCommandListener;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Apache Commons Net in PASV, EPSV and PORT mode (it sends EPRT only over IPv6): login, mkdir, upload, list (LIST,
 * NLST, MLSD), download, delete, rename, both resumes, and TYPE A with its line-end conversion.
 */
@Timeout(60)
class CommonsNetMatrixIT {

    @RegisterExtension
    final WharfServerExtension wharf = new WharfServerExtension().passivePorts(16);

    @TempDir
    Path tmp;

    private final List<String> sent = new CopyOnWriteArrayList<>();

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DataMode.class, names = {"PASV", "EPSV", "PORT"})
    void mkdirUploadListDownloadDelete(DataMode mode) throws Exception {
        Path original = Digests.randomFile(tmp.resolve("original.bin"), SIZE, 1);
        FTPClient ftp = client(mode);

        assertTrue(ftp.makeDirectory("inbound"), ftp.getReplyString());
        assertTrue(Files.isDirectory(wharf.home().resolve("inbound")));
        try (InputStream in = Files.newInputStream(original)) {
            assertTrue(ftp.storeFile("inbound/data.bin", in), ftp.getReplyString());
        }
        assertEquals(Digests.sha256(original), Digests.sha256(wharf.home().resolve("inbound/data.bin")));

        FTPFile[] longList = ftp.listFiles("inbound");
        assertEquals(1, longList.length, Arrays.toString(longList));
        assertEquals("data.bin", longList[0].getName());
        assertEquals(SIZE, longList[0].getSize());
        assertArrayEquals(new String[] {"data.bin"}, ftp.listNames("inbound"));
        FTPFile[] facts = ftp.mlistDir("inbound");
        assertEquals(1, facts.length, Arrays.toString(facts));
        assertEquals("data.bin", facts[0].getName());
        assertEquals(SIZE, facts[0].getSize());

        Path copy = tmp.resolve("copy.bin");
        try (OutputStream out = Files.newOutputStream(copy)) {
            assertTrue(ftp.retrieveFile("inbound/data.bin", out), ftp.getReplyString());
        }
        assertEquals(Digests.sha256(original), Digests.sha256(copy));

        assertTrue(ftp.deleteFile("inbound/data.bin"), ftp.getReplyString());
        assertTrue(Files.notExists(wharf.home().resolve("inbound/data.bin")));
        String[] after = ftp.listNames("inbound");
        assertTrue(after == null || after.length == 0, Arrays.toString(after));
        close(ftp, mode);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DataMode.class, names = {"PASV", "EPSV", "PORT"})
    void rename(DataMode mode) throws Exception {
        Path before = Digests.randomFile(wharf.home().resolve("before.bin"), 100_000, 2);
        String sha = Digests.sha256(before);
        FTPClient ftp = client(mode);

        assertTrue(ftp.rename("before.bin", "after.bin"), ftp.getReplyString());
        assertTrue(Files.notExists(before));
        assertEquals(sha, Digests.sha256(wharf.home().resolve("after.bin")));
        assertArrayEquals(new String[] {"after.bin"}, ftp.listNames());
        close(ftp, mode);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DataMode.class, names = {"PASV", "EPSV", "PORT"})
    void resumeAnInterruptedUpload(DataMode mode) throws Exception {
        Path original = Digests.randomFile(tmp.resolve("original.bin"), SIZE, 3);
        Interop.interruptedUpload(wharf, "inbound/resume.bin", original, KEEP);
        FTPClient ftp = client(mode);
        String[] listed = ftp.listNames("inbound");
        Interop.assertNotListed(String.join("\n", listed == null ? new String[0] : listed), "resume.bin");

        assertEquals(213, ftp.sendCommand("SIZE", "inbound/resume.bin"), ftp.getReplyString());
        long offset = Long.parseLong(ftp.getReplyString().substring(4).trim());
        assertEquals(KEEP, offset);
        ftp.setRestartOffset(offset);
        try (InputStream in = Files.newInputStream(original)) {
            in.skipNBytes(offset);
            assertTrue(ftp.storeFile("inbound/resume.bin", in), ftp.getReplyString());
        }
        assertEquals(Digests.sha256(original), Digests.sha256(wharf.home().resolve("inbound/resume.bin")));
        Interop.assertResumedAt(KEEP, commands(), String.join("\n", sent));
        Interop.assertNoHiddenUploads(wharf.home());
        close(ftp, mode);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DataMode.class, names = {"PASV", "EPSV", "PORT"})
    void resumeAnInterruptedDownload(DataMode mode) throws Exception {
        Path original = Digests.randomFile(tmp.resolve("original.bin"), SIZE, 4);
        Files.createDirectories(wharf.home().resolve("outbound"));
        Files.copy(original, wharf.home().resolve("outbound/data.bin"));
        Path partial = Interop.prefix(original, KEEP, tmp.resolve("partial.bin"));
        FTPClient ftp = client(mode);

        ftp.setRestartOffset(Files.size(partial));
        try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.APPEND)) {
            assertTrue(ftp.retrieveFile("outbound/data.bin", out), ftp.getReplyString());
        }
        assertEquals(Digests.sha256(original), Digests.sha256(partial));
        Interop.assertResumedAt(KEEP, commands(), String.join("\n", sent));
        close(ftp, mode);
    }

    /**
     * TYPE A: Commons Net turns LF into CRLF on the way out and back on the way in; the server stores LF, so the
     * file on disk is byte for byte the client's. Then the wire itself, with the server in TYPE A and the client
     * left in binary so it converts nothing: the server sends CRLF and turns received CRLF into LF.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DataMode.class, names = {"PASV", "EPSV", "PORT"})
    void asciiTypeConvertsLineEndsBothWays(DataMode mode) throws Exception {
        String text = Interop.text();
        byte[] unix = text.getBytes(StandardCharsets.UTF_8);
        FTPClient ftp = client(mode);

        assertTrue(ftp.setFileType(FTP.ASCII_FILE_TYPE), ftp.getReplyString());
        assertTrue(ftp.storeFile("notes.txt", new ByteArrayInputStream(unix)), ftp.getReplyString());
        assertArrayEquals(unix, Files.readAllBytes(wharf.home().resolve("notes.txt")), "bytes on disk");
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        assertTrue(ftp.retrieveFile("notes.txt", back), ftp.getReplyString());
        assertEquals(Digests.sha256(unix), Digests.sha256(back.toByteArray()), "ASCII round trip");

        assertTrue(ftp.setFileType(FTP.BINARY_FILE_TYPE), ftp.getReplyString());
        assertEquals(200, ftp.sendCommand("TYPE", "A"), ftp.getReplyString());   // behind the client's back
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        assertTrue(ftp.retrieveFile("notes.txt", wire), ftp.getReplyString());
        assertArrayEquals(Interop.network(text), wire.toByteArray(), "TYPE A download: LF sent as CRLF");
        assertTrue(ftp.storeFile("wire.txt", new ByteArrayInputStream(Interop.network(text))), ftp.getReplyString());
        assertArrayEquals(unix, Files.readAllBytes(wharf.home().resolve("wire.txt")), "TYPE A upload: CRLF stored LF");
        close(ftp, mode);
    }

    /** Logged in, binary, in {@code mode}, every command it sends recorded in {@link #sent}. */
    private FTPClient client(DataMode mode) throws IOException {
        FTPClient ftp = wharf.loggedInClient();
        ftp.addProtocolCommandListener(new ProtocolCommandListener() {
            @Override
            public void protocolCommandSent(ProtocolCommandEvent event) {
                sent.add(event.getMessage().trim());
            }

            @Override
            public void protocolReplyReceived(ProtocolCommandEvent event) {
                sent.add("  " + event.getMessage().trim());
            }
        });
        switch (mode) {
            case PASV -> ftp.setUseEPSVwithIPv4(false);
            case EPSV -> ftp.setUseEPSVwithIPv4(true);
            case PORT -> ftp.enterLocalActiveMode();
            default -> throw new IllegalArgumentException("Commons Net sends EPRT only over IPv6: " + mode);
        }
        return ftp;
    }

    /** The commands sent so far, without the replies. */
    private List<String> commands() {
        return sent.stream().filter(line -> !line.startsWith(" ")).toList();
    }

    /** Checks the transcript's data verbs, logs out and checks that the server is back to idle. */
    private void close(FTPClient ftp, DataMode mode) throws IOException {
        String transcript = String.join("\n", sent);
        Interop.assertDataMode(mode, commands(), transcript);
        assertTrue(ftp.logout(), ftp.getReplyString());
        ftp.disconnect();
        wharf.assertNoLeaks();
    }
}
