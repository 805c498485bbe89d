package io.wharf.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.tls.KeyMaterial;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A raw FTPS client over JSSE sockets, for the tests that real clients cannot steer: a data connection from someone
 * else's TLS session, garbage where a handshake belongs, CCC. Data connections resume the control session the way
 * OpenSSL clients do it: the JDK keys its client session cache by the host and port given to
 * {@code createSocket(socket, host, port, autoClose)}, so naming the control port there offers its session.
 */
public final class TlsFtp implements AutoCloseable {

    private final SSLContext context;
    private final int port;
    private final Socket plain;
    private Socket socket;
    private BufferedReader in;
    private OutputStream out;

    private TlsFtp(SSLContext context, int port, Socket plain) throws IOException {
        this.context = context;
        this.port = port;
        this.plain = plain;
        use(plain);
    }

    /** A client context trusting only the test certificate; each one has a session cache of its own. */
    public static SSLContext trustingTestCertificate() throws GeneralSecurityException, IOException {
        return presenting(null);
    }

    /** As {@link #trustingTestCertificate()}, presenting {@code clientCertificate} when the server asks (or none). */
    public static SSLContext presenting(KeyMaterial clientCertificate) throws GeneralSecurityException, IOException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        X509Certificate certificate = WharfServerExtension.certificate().certificate();
        trusted.setCertificateEntry("wharf", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        KeyManager[] keys = clientCertificate == null ? null : new KeyManager[] {clientCertificate.keyManager()};
        context.init(keys, factory.getTrustManagers(), null);
        return context;
    }

    /** Connects in plain text and reads the greeting; {@link #authTls()} upgrades ({@code context} null: never). */
    public static TlsFtp connect(SSLContext context, int port) throws IOException {
        TlsFtp ftp = new TlsFtp(context, port, open(port));
        String greeting = ftp.reply();
        assertTrue(greeting.startsWith("220"), greeting);
        return ftp;
    }

    /** Connects to an implicit-TLS listener: handshake first, then the greeting. */
    public static TlsFtp implicit(SSLContext context, int port) throws IOException {
        TlsFtp ftp = new TlsFtp(context, port, open(port));
        ftp.upgrade();
        String greeting = ftp.reply();
        assertTrue(greeting.startsWith("220"), greeting);
        return ftp;
    }

    /** Connects, AUTH TLS, handshake, logs in as the test user, PBSZ 0, PROT P. */
    public static TlsFtp loggedInPrivate(SSLContext context, int port) throws IOException {
        TlsFtp ftp = connect(context, port);
        ftp.authTls();
        ftp.login();
        ftp.expect("PBSZ 0", 200);
        ftp.expect("PROT P", 200);
        return ftp;
    }

    private static Socket open(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(30_000);
        return socket;
    }

    /** AUTH TLS and the handshake. */
    public void authTls() throws IOException {
        expect("AUTH TLS", 234);
        upgrade();
    }

    private void upgrade() throws IOException {
        // autoClose false: after CCC the plain socket goes on without TLS.
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, "127.0.0.1", port, false);
        tls.startHandshake();
        use(tls);
    }

    private void use(Socket next) throws IOException {
        socket = next;
        in = new BufferedReader(new InputStreamReader(next.getInputStream(), StandardCharsets.UTF_8));
        out = next.getOutputStream();
    }

    /** The TCP connection under any TLS, for tests that reset it or write beneath the TLS layer. */
    public Socket plainSocket() {
        return plain;
    }

    /** What replies are read from now: the TLS socket after {@link #authTls()}, else the TCP connection. */
    public Socket controlSocket() {
        return socket;
    }

    /** The TLS control socket (after {@link #authTls()}). */
    public SSLSocket tlsSocket() {
        return (SSLSocket) socket;
    }

    /**
     * CCC after its 200: ends TLS both ways and goes on in plain text on the same TCP connection (RFC 4217 12).
     */
    public void clearAfterCcc() throws IOException {
        SSLSocket tls = tlsSocket();
        tls.shutdownOutput();                     // close_notify
        assertEquals(-1, tls.getInputStream().read(), "expected the server's close_notify");
        use(plain);
    }

    /** USER and PASS of the test user. */
    public void login() throws IOException {
        expect("USER " + WharfServerExtension.USER, 331);
        expect("PASS " + WharfServerExtension.PASSWORD, 230);
    }

    /** EPSV; returns the data port. */
    public int epsv() throws IOException {
        return RawFtp.passivePort(expect("EPSV", 229));
    }

    /** A TLS data connection to {@code dataPort} that offers this control connection's session for resumption. */
    ResumingDataConnection dataResumingControl(int dataPort) throws IOException {
        return ResumingDataConnection.open(context, port, dataPort);
    }

    /** A TLS data connection to {@code dataPort} from another context: a session this control connection never had. */
    public static SSLSocket dataFrom(SSLContext other, int dataPort) throws IOException {
        return (SSLSocket) other.getSocketFactory().createSocket(open(dataPort), "127.0.0.1", dataPort, true);
    }

    /** Sends one command line. */
    public void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Sends a command and asserts the reply code; returns the reply. */
    public String expect(String line, int code) throws IOException {
        send(line);
        String reply = reply();
        assertEquals(code, RawFtp.code(reply), line + " -> " + reply);
        return reply;
    }

    /** Reads one complete reply (multi-line aware). */
    public String reply() throws IOException {
        return RawFtp.readReply(in);
    }

    @Override
    public void close() throws IOException {
        socket.close();
        plain.close();
    }
}
