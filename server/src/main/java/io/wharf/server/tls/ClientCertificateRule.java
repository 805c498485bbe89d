package io.wharf.server.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;

/**
 * A user's client-certificate requirement ({@code sha256:<fingerprint>} or {@code subject:<DN>}) checked against
 * what the client presented on its TLS control connection. Stateless.
 */
public final class ClientCertificateRule {

    private ClientCertificateRule() {
    }

    /**
     * @param rule    the user's {@code client-certificate} value, already validated by the config loader
     * @param session the control connection's TLS session, or null when it is not encrypted
     * @return null when the presented certificate satisfies the rule, else why not, for the client and the log
     */
    public static String refusal(String rule, SSLSession session) {
        if (session == null) {
            return "a client certificate is required: use AUTH TLS with your certificate";
        }
        X509Certificate presented;
        try {
            Certificate[] chain = session.getPeerCertificates();
            presented = (X509Certificate) chain[0];
        } catch (SSLPeerUnverifiedException e) {
            return "a client certificate is required, and none was presented";
        }
        boolean matches = rule.startsWith("sha256:")
                ? normalised(rule.substring(7)).equals(fingerprint(presented))
                : new X500Principal(rule.substring(8)).equals(presented.getSubjectX500Principal());
        return matches ? null : "the client certificate presented is not the one registered for this user";
    }

    private static String normalised(String hex) {
        return hex.replace(":", "").toUpperCase(Locale.ROOT);
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.of().withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return "";                       // cannot be fingerprinted, so it matches no configured fingerprint
        }
    }
}
