package io.wharf.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A server's private key and its certificate chain, leaf first. Immutable; safe to share between threads.
 *
 * <p>Build it with {@link ServerCertificates} (from files, validated) or {@link SelfSignedCertificate}; turn it into
 * an {@link SSLContext} with {@link #serverContext()}.
 *
 * @param key   the private key of {@code chain.get(0)}
 * @param chain the certificate chain, leaf first, never empty
 */
public record KeyMaterial(PrivateKey key, List<X509Certificate> chain) {

    private static final char[] IN_MEMORY_PASSWORD = "wharf".toCharArray();
    private static final HexFormat FINGERPRINT = HexFormat.ofDelimiter(":").withUpperCase();

    /** Copies the chain; rejects a null key and an empty chain. */
    public KeyMaterial {
        Objects.requireNonNull(key, "key");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("certificate chain is empty");
        }
    }

    /** The leaf certificate, {@code chain().get(0)}. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** SHA-256 of the leaf certificate's DER encoding, as upper-case hex pairs joined by colons ("AB:CD:..."). */
    public String sha256Fingerprint() {
        try {
            return FINGERPRINT.formatHex(MessageDigest.getInstance("SHA-256").digest(certificate().getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            // Every Java platform has SHA-256, and a certificate that was parsed or built can be encoded.
            throw new IllegalStateException("cannot fingerprint " + certificate().getSubjectX500Principal(), e);
        }
    }

    /**
     * A key manager that serves this key and chain. Thread-safe and stateless, so one can back any number of
     * {@link SSLContext}s: a server that gives every control connection a context of its own still loads and checks
     * its key once.
     */
    public X509ExtendedKeyManager keyManager() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            // load(null, null) creates an empty in-memory store; there is no stream that could fail.
            throw new IllegalStateException(e);
        }
        store.setKeyEntry("wharf", key, IN_MEMORY_PASSWORD, chain.toArray(new X509Certificate[0]));
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(store, IN_MEMORY_PASSWORD);
        for (KeyManager manager : keyManagers.getKeyManagers()) {
            if (manager instanceof X509ExtendedKeyManager x509) {
                return x509;
            }
        }
        throw new NoSuchAlgorithmException("the default KeyManagerFactory offers no X509ExtendedKeyManager");
    }

    /**
     * A fresh TLS {@link SSLContext} ({@code SSLContext.getInstance("TLS")}) whose key manager is
     * {@link #keyManager()}, with the platform's default trust managers (used only if client certificates are
     * requested) and secure random. Engines from one context share its session cache and TLS 1.3 ticket keys, so a
     * data connection can resume the control connection's session only when both engines come from the same context.
     */
    public SSLContext serverContext() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {keyManager()}, null, null);
        return context;
    }

    /** Names the leaf and its fingerprint; never prints the key. */
    @Override
    public String toString() {
        return "KeyMaterial[" + certificate().getSubjectX500Principal() + ", SHA-256 " + sha256Fingerprint()
                + ", chain of " + chain.size() + "]";
    }
}
