package io.wharf.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A 100,000-entry directory streams out while other sessions on the same (single) event loop carry on: the listing
 * is formatted a buffer at a time as its socket drains, never built whole.
 */
@Timeout(120)
class HugeDirectoryIT {

    private static final int ENTRIES = 100_000;

    @RegisterExtension
    final WharfServerExtension wharf = new WharfServerExtension().passivePorts(4).eventLoops(1);

    @Test
    void hundredThousandEntriesStreamWhileAnotherSessionIsServed() throws Exception {
        Path big = Files.createDirectories(wharf.home().resolve("big"));
        for (int i = 0; i < ENTRIES; i++) {
            Files.createFile(big.resolve(String.format("invoice-%06d.csv", i)));
        }
        Files.writeString(wharf.home().resolve("note.txt"), "hello");
        try (RawFtp lister = RawFtp.loggedIn(wharf.port()); RawFtp other = RawFtp.loggedIn(wharf.port())) {
            Socket data = lister.epsv();
            data.setReceiveBufferSize(16 * 1024);
            lister.expect("LIST -la big", 150);
            BufferedReader lines = new BufferedReader(
                    new InputStreamReader(data.getInputStream(), StandardCharsets.UTF_8));
            String first = lines.readLine();
            String shape = "-[-rwx]{9} 1 ftp ftp +0 \\w{3} [ \\d]\\d [ \\d]\\d:\\d\\d invoice-\\d{6}\\.csv";
            assertTrue(first.matches(shape), first);

            // The listing is mid-way (we stopped reading); the other session on the same loop is served meanwhile.
            other.expect("NOOP", 200);
            other.expect("TYPE I", 200);
            Socket otherData = other.epsv();
            other.expect("RETR note.txt", 150);
            assertEquals("hello", new String(otherData.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(226, RawFtp.code(other.reply()));

            int count = 1;
            while (lines.readLine() != null) {
                count++;
            }
            assertEquals(ENTRIES, count);
            assertEquals(226, RawFtp.code(lister.reply()));
        }
        wharf.assertNoLeaks();
    }
}
