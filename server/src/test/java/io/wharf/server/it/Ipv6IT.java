package io.wharf.server.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A listener on ::1: EPSV and EPRT work, PASV and PORT (IPv4-only by design) are refused with 522. */
@Timeout(60)
class Ipv6IT {

    private static final byte[] CONTENT = "over IPv6\n".repeat(500).getBytes();

    @RegisterExtension
    final WharfServerExtension wharf = new WharfServerExtension().passivePorts(4).address("::1");

    @Test
    void epsvAndEprtWorkPasvAndPortSay522() throws Exception {
        assertTrue(wharf.server().listener().address().getAddress() instanceof Inet6Address);
        Files.write(wharf.home().resolve("v6.bin"), CONTENT);
        try (RawFtp ftp = RawFtp.loggedIn("::1", wharf.port())) {
            ftp.expect("TYPE I", 200);
            ftp.expect("PASV", 522);
            ftp.expect("PORT 127,0,0,1,200,10", 522);
            ftp.expect("EPSV 1", 522);
            Socket data = ftp.epsv();
            ftp.expect("RETR v6.bin", 150);
            assertArrayEquals(CONTENT, data.getInputStream().readAllBytes());
            assertEquals(226, RawFtp.code(ftp.reply()));

            try (ServerSocket listen = new ServerSocket()) {
                listen.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
                listen.setSoTimeout(20_000);
                ftp.expect("EPRT |1|127.0.0.1|" + listen.getLocalPort() + "|", 522);
                ftp.expect("EPRT |2|::1|" + listen.getLocalPort() + "|", 200);
                ftp.expect("RETR v6.bin", 150);
                try (Socket active = listen.accept()) {
                    assertArrayEquals(CONTENT, active.getInputStream().readAllBytes());
                }
                assertEquals(226, RawFtp.code(ftp.reply()));
            }
        }
        wharf.assertNoLeaks();
    }
}
