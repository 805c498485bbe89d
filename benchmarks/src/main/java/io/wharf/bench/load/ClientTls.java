package io.wharf.bench.load;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS side of an {@code ftps://} target: explicit ({@code AUTH TLS}) or implicit FTPS, the one protocol version
 * to speak, engines for control and data connections, and what the server showed in the first handshake, for the
 * report.
 *
 * <p>Every server certificate is accepted: {@code wharf-bench} measures servers, usually its own on loopback with a
 * self-signed certificate, and checks nobody's identity. The report prints the certificate's SHA-256 fingerprint so
 * a user can compare it with the server's.
 *
 * <p>Data connections must resume their control connection's session (servers such as Wharf and vsftpd refuse the
 * others). JSSE offers a cached session when an engine is created for the same peer host and port, from the same
 * {@link SSLContext}, as the connection that made it. So each control connection gets a context of its own, and its
 * data connections engines from that context with the control connection's host and port. A context shared by
 * several sessions would not do: its cache keeps one session per host and port, the last control connection's, and
 * the other sessions' data connections would offer a session their server never made. A fresh context per control
 * connection (about 4 us) also means a new login never resumes an old one, so {@code logins} measures full
 * handshakes against any server.
 *
 * <p>Threading: immutable apart from {@link #observe}, which any session thread may call.
 */
final class ClientTls {

    /** What the server showed in a handshake. */
    record Handshake(String protocol, String cipherSuite, String certificateSha256) {
    }

    private static final TrustManager[] TRUST_ANY = {new TrustAny()};

    private final boolean isImplicit;
    private final String protocol;
    private final AtomicReference<Handshake> first = new AtomicReference<>();

    /**
     * @param isImplicit TLS from the first byte instead of {@code AUTH TLS}
     * @param protocol   the JSSE protocol name to enable, e.g. {@code TLSv1.2}
     */
    ClientTls(boolean isImplicit, String protocol) {
        this.isImplicit = isImplicit;
        this.protocol = protocol;
    }

    boolean isImplicit() {
        return isImplicit;
    }

    String protocol() {
        return protocol;
    }

    /** A context for one control connection and its data connections. */
    SSLContext newContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, TRUST_ANY, null);
            return context;
        } catch (GeneralSecurityException e) {
            // Every Java platform has a "TLS" context that takes a trust manager.
            throw new IllegalStateException("cannot create a TLS context", e);
        }
    }

    /**
     * A client engine for a connection to {@code server}, the control connection's address: the session cache key
     * under which the control session is stored and a data connection finds it.
     */
    SSLEngine engine(SSLContext context, InetSocketAddress server) {
        return configure(context.createSSLEngine(server.getAddress().getHostAddress(), server.getPort()));
    }

    /**
     * A client engine without a peer: JSSE neither offers a cached session nor caches the new one, so every
     * handshake is a full one and one context can serve any number of connections (the {@code idle} run's).
     */
    SSLEngine freshEngine(SSLContext context) {
        return configure(context.createSSLEngine());
    }

    private SSLEngine configure(SSLEngine engine) {
        engine.setUseClientMode(true);
        engine.setEnabledProtocols(new String[] {protocol});
        return engine;
    }

    /** Keeps the first control handshake's protocol, cipher suite and certificate fingerprint for the report. */
    void observe(SSLSession session) {
        if (first.get() == null) {
            first.compareAndSet(null, new Handshake(session.getProtocol(), session.getCipherSuite(),
                    fingerprint(session)));
        }
    }

    /** The first handshake seen, or null when none completed. */
    Handshake handshake() {
        return first.get();
    }

    /** One line for the report header: mode, protocol, cipher suite, certificate fingerprint. */
    String describe() {
        Handshake h = first.get();
        String mode = isImplicit ? "implicit FTPS" : "explicit FTPS";
        if (h == null) {
            return mode + ", " + protocol + ", no handshake completed";
        }
        return mode + ", " + h.protocol() + " " + h.cipherSuite() + ", server certificate SHA-256 "
                + h.certificateSha256() + " (not verified)";
    }

    /** The same as a JSON object. */
    void json(JsonWriter json) {
        Handshake h = first.get();
        json.beginObject()
                .field("mode", isImplicit ? "implicit" : "explicit")
                .field("protocol", h != null ? h.protocol() : null)
                .field("cipherSuite", h != null ? h.cipherSuite() : null)
                .field("serverCertificateSha256", h != null ? h.certificateSha256() : null)
                .endObject();
    }

    /** SHA-256 of the leaf certificate as upper-case hex pairs joined by colons, as {@code openssl x509} shows it. */
    static String fingerprint(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (SSLPeerUnverifiedException e) {
            return "none (anonymous)";
        } catch (GeneralSecurityException e) {
            return "unavailable (" + e.getMessage() + ")";
        }
    }

    /** Accepts any server: see the class comment. Extended, so JSSE does not wrap it with checks of its own. */
    private static final class TrustAny extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // Any server: a benchmark client on loopback; the report shows the fingerprint instead.
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // As above.
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            // As above.
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("a client trust manager");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException("a client trust manager");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("a client trust manager");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
