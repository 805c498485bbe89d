package io.wharf.server.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Active mode: the server connects back, but only to the client itself, never to a privileged port. */
@Timeout(60)
class ActiveModeIT {

    static final byte[] CONTENT = "active mode works\n".repeat(1000).getBytes();

    @RegisterExtension
    final WharfServerExtension wharf = new WharfServerExtension().passivePorts(4);

    @Test
    void portAndEprtDownloadAndUploadThroughAConnectionTheServerOpens() throws Exception {
        Files.write(wharf.home().resolve("a.bin"), CONTENT);
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port()); ServerSocket listen = listener("127.0.0.1")) {
            ftp.expect("TYPE I", 200);
            ftp.expect("PORT " + portArgument(listen), 200);
            ftp.expect("RETR a.bin", 150);
            try (Socket data = listen.accept()) {
                assertArrayEquals(CONTENT, data.getInputStream().readAllBytes());
            }
            assertEquals(226, RawFtp.code(ftp.reply()));

            ftp.expect("EPRT |1|127.0.0.1|" + listen.getLocalPort() + "|", 200);
            ftp.expect("STOR b.bin", 150);
            try (Socket data = listen.accept()) {
                data.getOutputStream().write(CONTENT);
            }
            assertEquals(226, RawFtp.code(ftp.reply()));
            assertArrayEquals(CONTENT, Files.readAllBytes(wharf.home().resolve("b.bin")));

            ftp.expect("RETR a.bin", 425);                   // one PORT, one transfer
        }
        wharf.assertNoLeaks();
    }

    @Test
    void bounceTargetsAndBadArgumentsAreRefused() throws Exception {
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            String foreign = ftp.expect("PORT 127,0,0,2,200,10", 500);
            assertTrue(foreign.contains("127.0.0.2") && foreign.contains("refused"), foreign);
            ftp.expect("EPRT |1|127.0.0.2|51210|", 500);
            ftp.expect("PORT 127,0,0,1,0,21", 504);          // privileged port 21
            ftp.expect("EPRT |1|127.0.0.1|80|", 504);
            ftp.expect("PORT 127,0,0,1,300,1", 501);
            ftp.expect("PORT 1,2,3", 501);
            ftp.expect("EPRT |1|localhost|5000|", 501);      // literals only: never a DNS lookup
            ftp.expect("EPRT |3|127.0.0.1|5000|", 522);
            ftp.expect("EPRT |2|::1|5000|", 522);            // IPv6 target on an IPv4 control connection
            ftp.expect("EPRT garbage", 501);
            ftp.expect("RETR x", 425);                       // none of those set up a data connection
            ftp.expect("EPSV ALL", 200);
            ftp.expect("PORT 127,0,0,1,200,10", 501);
            ftp.expect("PASV", 501);
        }
        wharf.assertNoLeaks();
    }

    @Test
    void refusedConnectAnswers425AndTheSessionGoesOn() throws Exception {
        int closedPort;
        try (ServerSocket probe = listener("127.0.0.1")) {
            closedPort = probe.getLocalPort();               // nothing listens there once closed
        }
        Files.write(wharf.home().resolve("a.bin"), CONTENT);
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            ftp.expect("EPRT |1|127.0.0.1|" + closedPort + "|", 200);
            ftp.expect("RETR a.bin", 150);
            String reply = ftp.reply();
            assertEquals(425, RawFtp.code(reply), reply);
            ftp.expect("NOOP", 200);
        }
        wharf.assertNoLeaks();
    }

    static ServerSocket listener(String address) throws Exception {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
        socket.setSoTimeout(20_000);
        return socket;
    }

    static String portArgument(ServerSocket socket) {
        byte[] a = socket.getInetAddress().getAddress();
        int port = socket.getLocalPort();
        return (a[0] & 0xFF) + "," + (a[1] & 0xFF) + "," + (a[2] & 0xFF) + "," + (a[3] & 0xFF) + ","
                + (port >> 8) + "," + (port & 0xFF);
    }
}
