package io.wharf.server.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.config.ActiveConfig;
import io.wharf.config.PortRange;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A listener that allows foreign active targets (FXP) and sends from a fixed source port range. */
@Timeout(60)
class ActiveModeConfiguredIT {

    /** Outside 20000-29999, where the tests' passive pools (and their TIME_WAIT sockets) live. */
    private static final int BASE = 31_000 + (int) (ProcessHandle.current().pid() % 200) * 8;
    private static final PortRange SOURCE = new PortRange(BASE, BASE + 7);

    @RegisterExtension
    final WharfServerExtension wharf = new WharfServerExtension().passivePorts(4)
            .active(new ActiveConfig(true, true, List.of(SOURCE)));

    @Test
    void foreignTargetAllowedAndSourcePortFromTheRange() throws Exception {
        Files.write(wharf.home().resolve("a.bin"), ActiveModeIT.CONTENT);
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port()); ServerSocket listen = ActiveModeIT.listener("127.0.0.2")) {
            ftp.expect("TYPE I", 200);
            ftp.expect("PORT " + ActiveModeIT.portArgument(listen), 200);
            ftp.expect("RETR a.bin", 150);
            try (Socket data = listen.accept()) {
                int from = data.getPort();
                assertTrue(from >= SOURCE.first() && from <= SOURCE.last(), "source port " + from);
                assertArrayEquals(ActiveModeIT.CONTENT, data.getInputStream().readAllBytes());
            }
            assertEquals(226, RawFtp.code(ftp.reply()));
        }
        wharf.assertNoLeaks();
    }

    @Test
    void moreTransfersThanSourcePortsDoNotRunTheRangeDry() throws Exception {
        Files.write(wharf.home().resolve("a.bin"), ActiveModeIT.CONTENT);
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port()); ServerSocket listen = ActiveModeIT.listener("127.0.0.1")) {
            ftp.expect("TYPE I", 200);
            // Each finished transfer leaves its source port in TIME_WAIT; three times the range must still work.
            for (int i = 0; i < 3 * SOURCE.size(); i++) {
                ftp.expect("PORT " + ActiveModeIT.portArgument(listen), 200);
                ftp.expect("RETR a.bin", 150);
                try (Socket data = listen.accept()) {
                    assertArrayEquals(ActiveModeIT.CONTENT, data.getInputStream().readAllBytes());
                }
                assertEquals(226, RawFtp.code(ftp.reply()));
            }
        }
        wharf.assertNoLeaks();
    }
}
