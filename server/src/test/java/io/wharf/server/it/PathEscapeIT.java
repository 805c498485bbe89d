package io.wharf.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** No client path leaves the user's home: not by {@code ..}, not by a symbolic link, not by odd bytes. */
@Timeout(60)
class PathEscapeIT {

    @RegisterExtension
    final WharfServerExtension wharf = new WharfServerExtension().passivePorts(4);

    private Path secretDir;
    private Path secretFile;

    @BeforeEach
    void plantSecretsOutsideTheHome() throws Exception {
        secretDir = Files.createDirectories(wharf.outside().resolve("secret"));
        secretFile = Files.writeString(secretDir.resolve("passwords.txt"), "top secret");
        Files.createSymbolicLink(wharf.home().resolve("escape-dir"), secretDir);
        Files.createSymbolicLink(wharf.home().resolve("escape-file"), secretFile);
        Files.createDirectories(wharf.home().resolve("inside"));
        Files.writeString(wharf.home().resolve("inside/ok.txt"), "fine");
        Files.createSymbolicLink(wharf.home().resolve("alias"), wharf.home().resolve("inside"));
    }

    @Test
    void dotDotStopsAtTheHome() throws Exception {
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            ftp.expect("CWD ../../..", 250);
            assertTrue(ftp.expect("PWD", 257).contains("\"/\""));
            ftp.expect("CWD ../../../../../../etc", 550);
            assertTrue(ftp.expect("PWD", 257).contains("\"/\""));
            ftp.expect("CWD inside/../../..", 250);
            assertTrue(ftp.expect("PWD", 257).contains("\"/\""));
            ftp.expect("TYPE I", 200);
            ftp.expect("SIZE ../../etc/passwd", 550);
            ftp.expect("SIZE ../secret/passwords.txt", 550);
            ftp.epsv().close();
            ftp.expect("RETR ../../etc/passwd", 550);
            ftp.expect("RETR ../secret/passwords.txt", 550);
        }
        wharf.assertNoLeaks();
    }

    @ParameterizedTest
    @ValueSource(strings = {"escape-file", "escape-dir/passwords.txt", "/escape-dir/../escape-file"})
    void symlinksLeadingOutsideCannotBeRead(String path) throws Exception {
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            ftp.expect("TYPE I", 200);
            ftp.expect("SIZE " + path, 550);
            Socket data = ftp.epsv();
            String reply = ftp.expect("RETR " + path, 550);
            assertTrue(reply.contains("Permission denied") || reply.contains("No such"), reply);
            data.close();
        }
        wharf.assertNoLeaks();
    }

    @Test
    void symlinksLeadingOutsideCannotBeEnteredListedOrWrittenThrough() throws Exception {
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            ftp.expect("CWD escape-dir", 550);
            ftp.expect("MKD escape-dir/planted", 550);
            ftp.expect("DELE escape-file", 550);
            ftp.expect("DELE escape-dir/passwords.txt", 550);
            ftp.expect("RMD escape-dir", 550);
            Socket data = ftp.epsv();
            ftp.expect("STOR escape-dir/planted.txt", 553);
            ftp.expect("LIST escape-dir", 550);
            data.close();

            // The listing of the home hides links that lead outside, and shows the one that stays inside.
            Socket listing = ftp.epsv();
            ftp.expect("NLST", 150);
            String names = new String(listing.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(226, RawFtp.code(ftp.reply()));
            assertFalse(names.contains("escape"), names);
            assertTrue(names.contains("alias") && names.contains("inside"), names);

            ftp.expect("CWD alias", 250);                    // a link that stays inside works
        }
        assertEquals("top secret", Files.readString(secretFile));
        try (Stream<Path> files = Files.list(secretDir)) {
            assertEquals(1, files.count(), "nothing may be created outside the home");
        }
        wharf.assertNoLeaks();
    }

    @Test
    void oddBytesAreJustNames() throws Exception {
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            ftp.expect("CWD %2e%2e", 550);
            ftp.expect("CWD ..%2f..", 550);
            ftp.expect("MKD %2e%2e", 257);                   // a literal, harmless directory name
            assertTrue(Files.isDirectory(wharf.home().resolve("%2e%2e")));
            ftp.expect("CWD ..\\..", 550);
        }
        wharf.assertNoLeaks();
    }

    @Test
    void deleteAndRenameActOnALinkNotOnWhatItPointsTo() throws Exception {
        Files.createSymbolicLink(wharf.home().resolve("ok-link"), wharf.home().resolve("inside/ok.txt"));
        Files.createDirectories(wharf.home().resolve("empty"));
        Files.createSymbolicLink(wharf.home().resolve("empty-link"), wharf.home().resolve("empty"));
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            ftp.expect("RMD empty-link", 550);               // RMD never removes the directory behind a link
            assertTrue(Files.isDirectory(wharf.home().resolve("empty")));
            ftp.expect("DELE empty-link", 250);
            ftp.expect("RNFR alias", 350);
            ftp.expect("RNTO renamed-alias", 250);
            ftp.expect("DELE ok-link", 250);
            ftp.expect("DELE renamed-alias", 250);
        }
        assertTrue(Files.notExists(wharf.home().resolve("ok-link"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.notExists(wharf.home().resolve("renamed-alias"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals("fine", Files.readString(wharf.home().resolve("inside/ok.txt")), "the target must survive");
        wharf.assertNoLeaks();
    }
}
