package io.wharf.server.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.server.data.UploadFiles;
import io.wharf.server.it.RawFtp;
import io.wharf.server.it.WharfServerExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * What the FTPS client tests share: trust in exactly the test server's certificate, a TLS data connection that
 * resumes its control connection's session from Java, and an upload interrupted over TLS.
 *
 * <p>Every client here verifies the server's certificate against {@link WharfServerExtension#certificate()} (curl
 * {@code --cacert}, lftp {@code ssl:ca-file}, Python {@code cafile}, a JSSE trust manager) instead of skipping
 * verification: a server that served another certificate, or none, fails the handshake.
 */
final class FtpsInterop {

    /** Every client connects to the IPv4 loopback, a name the test certificate carries. */
    static final String HOST = "127.0.0.1";

    private static final Pattern EPSV = Pattern.compile("\\(\\|\\|\\|(\\d+)\\|\\)");

    private FtpsInterop() {
    }

    /** A trust manager that trusts the test server's self-signed certificate and nothing else. */
    static X509TrustManager trustManager() throws GeneralSecurityException, IOException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("wharf", WharfServerExtension.certificate().certificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("no X.509 trust manager");
    }

    /** A fresh client context (so an empty session cache) trusting only the test certificate. */
    static SSLContext clientContext() throws GeneralSecurityException, IOException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trustManager()}, null);
        return context;
    }

    /**
     * A TCP socket that reports its control connection's port as its own. JSSE looks a client session up by the
     * peer's host and port, so TLS layered over this socket ({@link #resume}) offers the control connection's session
     * to the server: what curl and lftp do, and what {@code session-reuse: enforce} requires.
     */
    static final class ControlPortSocket extends Socket {
        private final int controlPort;

        ControlPortSocket(int controlPort) {
            this.controlPort = controlPort;
        }

        @Override
        public int getPort() {
            return controlPort;
        }
    }

    /**
     * TLS over a connected data socket, offering the control connection's session; handshake completed. The data
     * connection must enable the control connection's protocols, or it may negotiate another version and so a new
     * session.
     */
    static SSLSocket resume(SSLContext context, ControlPortSocket data, String[] protocols) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(data, HOST, data.getPort(), true);
        tls.setUseClientMode(true);
        tls.setEnabledProtocols(protocols);
        tls.startHandshake();
        return tls;
    }

    /**
     * Leaves an interrupted TLS upload of the first {@code keep} bytes of {@code source} to {@code remote}: the
     * {@code PROT P} data connection resumes the control session (so {@code enforce} accepts it), carries the bytes,
     * and is reset without a {@code close_notify}, as a crashed client leaves it. The server replies 426 and keeps
     * the bytes as a hidden partial that {@code SIZE} reports; the target itself does not exist.
     */
    static void interruptedUpload(WharfServerExtension wharf, boolean implicit, String remote, Path source, int keep)
            throws IOException, GeneralSecurityException {
        Path target = wharf.home().resolve(remote);
        Files.createDirectories(target.getParent());
        byte[] head = new byte[keep];
        try (InputStream in = Files.newInputStream(source)) {
            assertEquals(keep, in.readNBytes(head, 0, keep));
        }
        try (Control ftps = Control.loggedIn(wharf.port(), implicit)) {
            try (ControlPortSocket data = ftps.epsv()) {
                ftps.expect("STOR " + remote, 150);
                SSLSocket tls = resume(ftps.context, data, ftps.tls.getEnabledProtocols());
                assertEquals(ftps.session().getCreationTime(), tls.getSession().getCreationTime(),
                        "the data connection must resume the control session");
                tls.getOutputStream().write(head);
                tls.getOutputStream().flush();
                // Cut only once the server has stored every byte sent, so the partial's length is known exactly.
                WharfServerExtension.await(() -> Interop.hiddenSizes(target.getParent()).contains((long) keep),
                        "server never stored the " + keep + " bytes sent: " + Interop.hiddenSizes(target.getParent()));
                data.setSoLinger(true, 0);
            }
            String reply = ftps.reply();
            assertEquals(426, RawFtp.code(reply), reply);
            Path partial = UploadFiles.partialOf(target);
            WharfServerExtension.await(() -> Interop.sizeOrMinusOne(partial) == keep,
                    "no partial of " + keep + " bytes kept");
            assertTrue(Files.notExists(target), "an interrupted upload must not appear under its name");
            assertEquals("213 " + keep, ftps.command("SIZE " + remote));
            ftps.expect("QUIT", 221);
        }
    }

    /**
     * Uploads {@code bytes} to {@code remote} over explicit FTPS on a data connection that resumes the control
     * session, then ends the data connection with TLS's {@code close_notify} and a close, or with a bare TCP FIN
     * (what a truncation attack injects, or a client that skips the TLS close); returns the server's final reply.
     */
    static String upload(WharfServerExtension wharf, String remote, byte[] bytes, boolean closeNotify)
            throws IOException, GeneralSecurityException {
        try (Control ftps = Control.loggedIn(wharf.port(), false)) {
            String reply;
            try (ControlPortSocket data = ftps.epsv()) {
                ftps.expect("STOR " + remote, 150);
                SSLSocket tls = resume(ftps.context, data, ftps.tls.getEnabledProtocols());
                tls.getOutputStream().write(bytes);
                tls.getOutputStream().flush();
                if (closeNotify) {
                    tls.close();
                } else {
                    data.shutdownOutput();
                }
                reply = ftps.reply();
            }
            ftps.expect("QUIT", 221);
            return reply;
        }
    }

    /**
     * A bare FTPS client: TLS on the control connection (from the first byte, or after {@code AUTH TLS}), logged in,
     * {@code PBSZ 0}, {@code PROT P}, {@code TYPE I}. For what a full client would hide: exact interruptions.
     */
    static final class Control implements AutoCloseable {
        private final SSLContext context;
        private final Socket tcp;
        private final SSLSocket tls;
        private final BufferedReader in;
        private final OutputStream out;

        private Control(int port, boolean implicit) throws IOException, GeneralSecurityException {
            context = clientContext();
            tcp = new Socket();
            try {
                tcp.connect(new InetSocketAddress(HOST, port), 10_000);
                tcp.setSoTimeout(30_000);
                if (!implicit) {
                    BufferedReader plain = reader(tcp);
                    assertEquals(220, RawFtp.code(RawFtp.readReply(plain)));
                    send(tcp.getOutputStream(), "AUTH TLS");
                    String auth = RawFtp.readReply(plain);
                    assertEquals(234, RawFtp.code(auth), auth);
                }
                tls = (SSLSocket) context.getSocketFactory().createSocket(tcp, HOST, port, true);
                tls.setUseClientMode(true);
                tls.startHandshake();
                in = reader(tls);
                out = tls.getOutputStream();
            } catch (IOException | RuntimeException e) {
                tcp.close();
                throw e;
            }
        }

        /** Connected, encrypted, logged in as the test user, with encrypted binary data connections. */
        static Control loggedIn(int port, boolean implicit) throws IOException, GeneralSecurityException {
            Control ftps = new Control(port, implicit);
            try {
                if (implicit) {
                    assertEquals(220, RawFtp.code(ftps.reply()));
                }
                ftps.expect("USER " + WharfServerExtension.USER, 331);
                ftps.expect("PASS " + WharfServerExtension.PASSWORD, 230);
                ftps.expect("PBSZ 0", 200);
                ftps.expect("PROT P", 200);
                ftps.expect("TYPE I", 200);
                return ftps;
            } catch (IOException | RuntimeException | Error e) {
                ftps.close();
                throw e;
            }
        }

        /** The control connection's TLS session. */
        SSLSession session() {
            return tls.getSession();
        }

        /** Sends a command and returns its reply. */
        String command(String line) throws IOException {
            send(out, line);
            return reply();
        }

        /** Sends a command and asserts the reply code; returns the reply. */
        String expect(String line, int code) throws IOException {
            String reply = command(line);
            assertEquals(code, RawFtp.code(reply), line + " -> " + reply);
            return reply;
        }

        /** Reads one reply. */
        String reply() throws IOException {
            return RawFtp.readReply(in);
        }

        /** EPSV, and a plain TCP connection to the port it names, ready for {@link #resume}. */
        ControlPortSocket epsv() throws IOException {
            String reply = expect("EPSV", 229);
            Matcher m = EPSV.matcher(reply);
            assertTrue(m.find(), reply);
            ControlPortSocket data = new ControlPortSocket(tcp.getPort());
            data.connect(new InetSocketAddress(HOST, Integer.parseInt(m.group(1))), 10_000);
            data.setSoTimeout(30_000);
            return data;
        }

        @Override
        public void close() throws IOException {
            tcp.close();
        }
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    private static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
