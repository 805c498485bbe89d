package io.wharf.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import javax.net.ssl.SSLContext;

/**
 * One logged-in control connection of {@link PassivePortChurnIT}, plain or TLS (PROT P), with every way of ending
 * a passive setup or a session that the churn mixes. Each method checks the replies it gets, so a server that
 * answered wrongly fails the test rather than only leaking.
 */
final class ChurnSession implements AutoCloseable {

    private static final int CUT_AFTER_BYTES = 64 * 1024;

    private final TlsFtp ftp;
    private final SSLContext tls;

    private ChurnSession(TlsFtp ftp, SSLContext tls) throws IOException {
        this.ftp = ftp;
        this.tls = tls;
        ftp.login();
        ftp.expect("TYPE I", 200);
    }

    /** A plain session, logged in. */
    static ChurnSession plain(int port) throws IOException {
        return new ChurnSession(TlsFtp.connect(null, port), null);
    }

    /** AUTH TLS, logged in, PBSZ 0 and PROT P. */
    static ChurnSession tls(SSLContext context, int port) throws IOException {
        TlsFtp ftp = TlsFtp.connect(context, port);
        ftp.authTls();
        ChurnSession session = new ChurnSession(ftp, context);
        ftp.expect("PBSZ 0", 200);
        ftp.expect("PROT P", 200);
        return session;
    }

    boolean encrypted() {
        return tls != null;
    }

    /** PASV or EPSV; returns the port the server listens on. */
    int openPassive(boolean extended) throws IOException {
        String reply = ftp.expect(extended ? "EPSV" : "PASV", extended ? 229 : 227);
        if (!extended) {
            assertTrue(reply.contains("(127,0,0,1,"), reply);
        }
        return RawFtp.passivePort(reply);
    }

    /** Connects, runs {@code command} to completion and returns what the data connection carried. */
    byte[] transfer(String command, int port) throws IOException {
        try (Socket data = data(port)) {
            ftp.send(command);
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
            ftp.send("RETR big.bin");
            expectReply(150);
            data.getInputStream().readNBytes(CUT_AFTER_BYTES);
            if (abor) {
                ftp.send("ABOR");
                int transfer = RawFtp.code(ftp.reply());
                assertTrue(transfer == 426 || transfer == 226, "transfer after ABOR: " + transfer);
                int aborted = RawFtp.code(ftp.reply());
                assertTrue(aborted == 226 || aborted == 225, "ABOR: " + aborted);
            } else {
                data.setSoLinger(true, 0);
                data.close();
                String reply = ftp.reply();
                assertTrue(reply.startsWith("4"), "download reset by the client: " + reply);
            }
        } finally {
            data.close();
        }
    }

    /** A transfer command with no data connection made: the server must give up after its data-connect timeout. */
    void expectConnectTimeout() throws IOException {
        ftp.send("LIST");
        String reply = ftp.reply();
        if (reply.startsWith("150")) {
            reply = ftp.reply();
        }
        assertEquals(425, RawFtp.code(reply), reply);
    }

    void quit() throws IOException {
        ftp.expect("QUIT", 221);
        close();
    }

    /** Resets the control connection (RST, no FIN) with the passive listener still open. */
    void reset() throws IOException {
        ftp.plainSocket().setSoLinger(true, 0);
        close();
    }

    /** Starts a download, then resets the control connection while the data connection is busy. */
    void resetMidTransfer(int port) throws IOException {
        try (Socket data = data(port)) {
            ftp.send("RETR big.bin");
            expectReply(150);
            data.getInputStream().readNBytes(CUT_AFTER_BYTES);
            reset();
        }
    }

    /** Sends nothing until the idle timeout closes the session with 421. */
    void awaitIdleTimeout() throws IOException {
        expectReply(421);
        InputStream stream = ftp.controlSocket().getInputStream();
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
        OutputStream raw = ftp.plainSocket().getOutputStream();
        raw.write(record);
        raw.flush();
        try {
            int read = ftp.controlSocket().getInputStream().read();
            assertEquals(-1, read, "server still talking after a forged TLS record");
        } catch (IOException closedWithAlert) {
            // The server's fatal alert surfaces here as an SSLException: what a broken record should cause.
        }
        close();
    }

    private Socket data(int port) throws IOException {
        if (tls == null) {
            return PassivePortChurnIT.dataSocket(port);
        }
        // The handshake starts with the first read, after the transfer command, as FTPS clients do it.
        return TlsFtp.dataFrom(tls, port);
    }

    private void expectReply(int code) throws IOException {
        String reply = ftp.reply();
        assertEquals(code, RawFtp.code(reply), reply);
    }

    /** Closes the control connection (FIN, unless {@link #reset()} asked for RST). Idempotent. */
    @Override
    public void close() throws IOException {
        ftp.close();
    }
}
