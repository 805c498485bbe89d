package io.wharf.server.probe;

import java.time.Instant;

/**
 * What the control connection's TLS handshake showed.
 *
 * @param protocol     e.g. TLSv1.3
 * @param cipherSuite  e.g. TLS_AES_128_GCM_SHA256
 * @param subject      the server certificate's subject
 * @param notAfter     the end of its validity
 * @param sha256       its SHA-256 fingerprint, colon-separated hex
 * @param chainProblem why the chain does not verify against the JDK's trust store and {@code --cacert}, or null
 * @param hostProblem  why the certificate does not name the host probed, or null
 */
public record TlsDetails(String protocol, String cipherSuite, String subject, Instant notAfter, String sha256,
        String chainProblem, String hostProblem) {

    /** Whether a verifying client would accept the certificate for this host. */
    public boolean trusted() {
        return chainProblem == null && hostProblem == null;
    }
}
