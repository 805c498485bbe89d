package io.wharf.server.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** RFC 2640: path names are UTF-8 on the wire and on disk, in commands, replies and listings alike. */
@Timeout(60)
class Utf8NamesIT {

    private static final String NAME = "Grüße 日本 — report.csv";

    @RegisterExtension
    final WharfServerExtension wharf = new WharfServerExtension().passivePorts(4);

    @Test
    void utf8NamesRoundTripThroughEveryCommand() throws Exception {
        byte[] content = "ä,ö,ü\n".getBytes(StandardCharsets.UTF_8);
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            assertTrue(ftp.expect("FEAT", 211).contains("\n UTF8"));
            ftp.expect("OPTS UTF8 ON", 200);
            ftp.expect("TYPE I", 200);
            ftp.expect("MKD Ordner ß", 257);
            ftp.expect("CWD Ordner ß", 250);
            assertTrue(ftp.expect("PWD", 257).contains("\"/Ordner ß\""));
            Socket up = ftp.epsv();
            ftp.expect("STOR " + NAME, 150);
            up.getOutputStream().write(content);
            up.close();
            assertEquals(226, RawFtp.code(ftp.reply()));
            assertArrayEquals(content, Files.readAllBytes(wharf.home().resolve("Ordner ß").resolve(NAME)));

            Socket names = ftp.epsv();
            ftp.expect("NLST", 150);
            assertArrayEquals((NAME + "\r\n").getBytes(StandardCharsets.UTF_8), names.getInputStream().readAllBytes());
            assertEquals(226, RawFtp.code(ftp.reply()));

            Socket facts = ftp.epsv();
            ftp.expect("MLSD", 150);
            String listing = new String(facts.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(listing.endsWith("; " + NAME + "\r\n"), listing);
            assertEquals(226, RawFtp.code(ftp.reply()));

            assertEquals("213 " + content.length, ftp.expect("SIZE " + NAME, 213));
            Socket down = ftp.epsv();
            ftp.expect("RETR /Ordner ß/" + NAME, 150);
            assertArrayEquals(content, down.getInputStream().readAllBytes());
            assertEquals(226, RawFtp.code(ftp.reply()));
            ftp.expect("RNFR " + NAME, 350);
            ftp.expect("RNTO Übersicht.csv", 250);
            assertTrue(Files.exists(wharf.home().resolve("Ordner ß").resolve("Übersicht.csv")));
        }
        wharf.assertNoLeaks();
    }
}
