package io.wharf.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One logged-in control connection of {@link PassivePortChurnIT}, plain or TLS (PROT P), with every way of ending
 * a passive setup or a session that the churn mixes. Each method checks the replies it gets, so a server that
 * answered wrongly fails the test rather than only leaking.
 */
final class ChurnSession implements AutoCloseable {

    private static final Pattern PASV = Pattern.compile("\\((\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\)");
    private static final Pattern EPSV = Pattern.compile("\\(\\|\\|\\|(\\d+)\\|\\)");
    private static final int CUT_AFTER_BYTES = 64 * 1024;

    private final Socket plain;
    private final SSLContext tls;
    private Socket control;
    private BufferedReader in;
    private OutputStream out;

    private ChurnSession(Socket plain, SSLContext tls) throws IOException {
        this.plain = plain;
        this.tls = tls;
        use(plain);
    }

    /** A plain session, logged in. */
    static ChurnSession plain(int port) throws IOException {
        ChurnSession session = new ChurnSession(open(port), null);
        session.expectReply(220);
        session.login();
        return session;
    }

    /** AUTH TLS, logged in, PBSZ 0 and PROT P. */
    static ChurnSession tls(SSLContext context, int port) throws IOException {
        ChurnSession session = new ChurnSession(open(port), context);
        session.expectReply(220);
        session.expect("AUTH TLS", 234);
        SSLSocket upgraded = (SSLSocket) context.getSocketFactory().createSocket(session.plain, "127.0.0.1", port,
                true);
        upgraded.startHandshake();
        session.use(upgraded);
        session.login();
        session.expect("PBSZ 0", 200);
        session.expect("PROT P", 200);
        return session;
    }

    boolean encrypted() {
        return tls != null;
    }

    /** PASV or EPSV; returns the port the server listens on. */
    int openPassive(boolean extended) throws IOException {
        String reply = expect(extended ? "EPSV" : "PASV", extended ? 229 : 227);
        Matcher m = (extended ? EPSV : PASV).matcher(reply);
        assertTrue(m.find(), reply);
        if (extended) {
            return Integer.parseInt(m.group(1));
        }
        assertEquals("127.0.0.1", m.group(1) + "." + m.group(2) + "." + m.group(3) + "." + m.group(4), reply);
        return Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6));
    }

    /** Connects, runs {@code command} to completion and returns what the data connection carried. */
    byte[] transfer(String command, int port) throws IOException {
        try (Socket data = data(port)) {
            send(command);
            expectReply(150);
            byte[] received = data.getInputStream().readAllBytes();
            expectReply(226);
            return received;
        }
    }

    /** Starts downloading the big file, then cuts it: ABOR on the control connection, or a reset data socket. */
    void cutDownload(int port, boolean abor) throws IOException {
        Socket data = data(port);
        try {
            send("RETR big.bin");
            expectReply(150);
            data.getInputStream().readNBytes(CUT_AFTER_BYTES);
            if (abor) {
                send("ABOR");
                int transfer = RawFtp.code(reply());
                assertTrue(transfer == 426 || transfer == 226, "transfer after ABOR: " + transfer);
                int aborted = RawFtp.code(reply());
                assertTrue(aborted == 226 || aborted == 225, "ABOR: " + aborted);
            } else {
                data.setSoLinger(true, 0);
                data.close();
                String reply = reply();
                assertTrue(reply.startsWith("4"), "download reset by the client: " + reply);
            }
        } finally {
            data.close();
        }
    }

    /** A transfer command with no data connection made: the server must give up after its data-connect timeout. */
    void expectConnectTimeout() throws IOException {
        send("LIST");
        String reply = reply();
        if (reply.startsWith("150")) {
            reply = reply();
        }
        assertEquals(425, RawFtp.code(reply), reply);
    }

    void quit() throws IOException {
        expect("QUIT", 221);
        close();
    }

    /** Resets the control connection (RST, no FIN) with the passive listener still open. */
    void reset() throws IOException {
        plain.setSoLinger(true, 0);
        close();
    }

    /** Starts a download, then resets the control connection while the data connection is busy. */
    void resetMidTransfer(int port) throws IOException {
        try (Socket data = data(port)) {
            send("RETR big.bin");
            expectReply(150);
            data.getInputStream().readNBytes(CUT_AFTER_BYTES);
            reset();
        }
    }

    /** Sends nothing until the idle timeout closes the session with 421. */
    void awaitIdleTimeout() throws IOException {
        expectReply(421);
        InputStream stream = control.getInputStream();
        try {
            assertEquals(-1, stream.read(), "control connection still open after 421");
        } catch (SocketException reset) {
            // A reset after the 421 closes it just as well.
        }
        close();
    }

    /** Writes a forged TLS record under the TLS layer: the server's record check fails and it must drop the session. */
    void breakTls() throws IOException {
        byte[] record = new byte[5 + 48];
        record[0] = 23;                                    // application_data
        record[1] = 3;
        record[2] = 3;
        record[4] = 48;
        for (int i = 5; i < record.length; i++) {
            record[i] = (byte) (i * 31);
        }
        plain.getOutputStream().write(record);
        plain.getOutputStream().flush();
        try {
            int read = control.getInputStream().read();
            assertEquals(-1, read, "server still talking after a forged TLS record");
        } catch (IOException closedWithAlert) {
            // The server's fatal alert surfaces here as an SSLException: what a broken record should cause.
        }
        close();
    }

    private Socket data(int port) throws IOException {
        Socket data = PassivePortChurnIT.dataSocket(port);
        if (tls == null) {
            return data;
        }
        // The handshake starts with the first read, after the transfer command, as FTPS clients do it.
        return tls.getSocketFactory().createSocket(data, "127.0.0.1", port, true);
    }

    private void login() throws IOException {
        expect("USER " + WharfServerExtension.USER, 331);
        expect("PASS " + WharfServerExtension.PASSWORD, 230);
        expect("TYPE I", 200);
    }

    private String expect(String line, int code) throws IOException {
        send(line);
        String reply = reply();
        assertEquals(code, RawFtp.code(reply), line + " -> " + reply);
        return reply;
    }

    private void expectReply(int code) throws IOException {
        String reply = reply();
        assertEquals(code, RawFtp.code(reply), reply);
    }

    private void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private String reply() throws IOException {
        return RawFtp.readReply(in);
    }

    private void use(Socket next) throws IOException {
        control = next;
        in = new BufferedReader(new InputStreamReader(next.getInputStream(), StandardCharsets.UTF_8));
        out = next.getOutputStream();
    }

    private static Socket open(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(30_000);
        return socket;
    }

    /** Closes the control connection (FIN, unless {@link #reset()} asked for RST). Idempotent. */
    @Override
    public void close() throws IOException {
        control.close();
        plain.close();
    }
}
