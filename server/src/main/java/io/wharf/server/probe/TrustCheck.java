package io.wharf.server.probe;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A trust manager that never refuses a server, because the probe is a diagnostic and must see what lies behind the
 * handshake, but records what a verifying client would have said: whether the chain leads to a trusted root (the
 * JDK's trust store or {@code --cacert}) and whether the certificate names the host. Only the first check is
 * recorded: the control connection's, which the report shows.
 */
final class TrustCheck extends X509ExtendedTrustManager {

    private final List<X509TrustManager> verifiers;
    private volatile boolean checked;
    private volatile String chainProblem;
    private volatile String hostProblem;

    /** @param verifiers trust managers of which at least one must accept the chain for it to count as verified */
    TrustCheck(List<X509TrustManager> verifiers) {
        this.verifiers = List.copyOf(verifiers);
    }

    /** Whether a server certificate was checked yet. */
    boolean checked() {
        return checked;
    }

    /** Why the chain does not verify, or null when it does. */
    String chainProblem() {
        return chainProblem;
    }

    /** Why the certificate does not name the host, or null when it does. */
    String hostProblem() {
        return hostProblem;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        if (checked) {
            return;
        }
        chainProblem = verify(chain, authType);
        try {
            // Trusting exactly the leaf isolates the host name check (done by the JDK, from the socket's endpoint
            // identification algorithm) from the chain check above.
            leafOnly(chain[0]).checkServerTrusted(new X509Certificate[] {chain[0]}, authType, socket);
        } catch (CertificateException e) {
            hostProblem = e.getMessage();
        }
        checked = true;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        if (!checked) {
            chainProblem = verify(chain, authType);
            checked = true;
        }
    }

    private String verify(X509Certificate[] chain, String authType) {
        CertificateException last = null;
        for (X509TrustManager verifier : verifiers) {
            try {
                verifier.checkServerTrusted(chain, authType);
                return null;
            } catch (CertificateException e) {
                last = e;
            }
        }
        X509Certificate leaf = chain[0];
        if (chain.length == 1 && leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
            return "self-signed and not trusted here (--cacert FILE trusts it)";
        }
        return "not trusted: " + (last == null ? "no trust store" : rootMessage(last));
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private static X509ExtendedTrustManager leafOnly(X509Certificate leaf) throws CertificateException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("leaf", leaf);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager extended) {
                    return extended;
                }
            }
            throw new CertificateException("the JDK has no X.509 trust manager");
        } catch (GeneralSecurityException | IOException e) {
            throw new CertificateException("cannot check the host name: " + e.getMessage(), e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("the probe is a client");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("the probe is a client");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the probe is a client");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
