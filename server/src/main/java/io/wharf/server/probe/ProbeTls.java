package io.wharf.server.probe;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The probe's TLS client side: one {@link SSLContext} per login (its own session cache, so logins stay independent),
 * the control handshake, and data connections that resume the control session, or deliberately do not. Protocols
 * and cipher suites are the JDK's defaults; client certificates are not offered.
 */
final class ProbeTls {

    /** Endpoint identification as for HTTPS (RFC 2818 host name rules), which suits FTPS too (RFC 4217 5). */
    private static final String HOST_CHECK = "HTTPS";

    private final List<X509TrustManager> verifiers;

    /** @param extraTrust certificates to trust besides the JDK's trust store ({@code --cacert}) */
    ProbeTls(List<X509Certificate> extraTrust) throws GeneralSecurityException, IOException {
        List<X509TrustManager> managers = new ArrayList<>(trustManagers(null));
        if (!extraTrust.isEmpty()) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < extraTrust.size(); i++) {
                store.setCertificateEntry("cacert-" + i, extraTrust.get(i));
            }
            managers.addAll(trustManagers(store));
        }
        this.verifiers = List.copyOf(managers);
    }

    private static List<X509TrustManager> trustManagers(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        List<X509TrustManager> managers = new ArrayList<>();
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                managers.add(x509);
            }
        }
        return managers;
    }

    /** A client context with an empty session cache and a recording, never refusing trust manager. */
    Client newClient() {
        try {
            TrustCheck trust = new TrustCheck(verifiers);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            return new Client(context, trust);
        } catch (GeneralSecurityException e) {
            // "TLS" is a mandatory SSLContext algorithm on every Java platform.
            throw new IllegalStateException(e);
        }
    }

    /**
     * One TLS client: a context and the record of its first certificate check.
     *
     * @param context the context whose session cache holds the control session
     * @param trust   the check that recorded the control connection's certificate
     */
    record Client(SSLContext context, TrustCheck trust) {

        /** TLS over the connected control socket, handshake done; the host name is checked (and recorded). */
        SSLSocket control(Socket tcp, String host, int port) throws IOException {
            return handshake(tcp, host, port);
        }

        /**
         * TLS over a connected data socket, handshake done. Built for the control connection's host and (through
         * {@link PeerPortSocket}) port, so the JDK offers the control session for resumption. It keeps the same
         * enabled protocols as the control connection: the JDK offers a TLS 1.3 session only to a handshake with
         * the same signature algorithms, and enabling TLS 1.3 alone drops the TLS 1.2 ones from the list.
         */
        SSLSocket data(Socket tcp, String controlHost, int controlPort) throws IOException {
            return handshake(tcp, controlHost, controlPort);
        }

        /** Client TLS over {@code tcp}, handshake done, with the settings a resumed session must share. */
        private SSLSocket handshake(Socket tcp, String host, int port) throws IOException {
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(tcp, host, port, true);
            tls.setUseClientMode(true);
            SSLParameters parameters = tls.getSSLParameters();
            // Checks (and records) the host name; the JDK also resumes only sessions made with the same algorithm.
            parameters.setEndpointIdentificationAlgorithm(HOST_CHECK);
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            return tls;
        }

        /** What the control handshake showed. */
        TlsDetails details(SSLSocket control) throws IOException {
            SSLSession session = control.getSession();
            Certificate[] chain = session.getPeerCertificates();
            X509Certificate leaf = (X509Certificate) chain[0];
            return new TlsDetails(session.getProtocol(), session.getCipherSuite(),
                    leaf.getSubjectX500Principal().getName(), leaf.getNotAfter().toInstant(), sha256(leaf),
                    trust.chainProblem(), trust.hostProblem());
        }
    }

    private static String sha256(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            // Every Java platform has SHA-256, and a certificate from a finished handshake encodes.
            throw new IllegalStateException(e);
        }
    }
}
