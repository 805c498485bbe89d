package io.wharf.server.tls;

import io.wharf.config.SessionReuse;
import io.wharf.config.TlsConfig;
import io.wharf.config.TlsRequirement;
import io.wharf.tls.CertificateLoadException;
import io.wharf.tls.KeyMaterial;
import io.wharf.tls.ServerCertificates;
import io.wharf.tls.TaskOffload;
import io.wharf.tls.TlsProtocols;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * One listener's FTPS: its certificate, protocols and policies, and the factory of each control connection's
 * {@link SessionTls}. Thread-safe: sessions on every loop read it, and {@link #reloadIfChanged()} swaps the
 * certificate from the watcher thread. A swap affects sessions that start afterwards; running ones keep theirs.
 */
public final class ListenerTls {

    private static final System.Logger LOG = System.getLogger("io.wharf.tls");

    /** What was loaded, and the state of the files it was loaded from. */
    private record Credentials(KeyMaterial material, X509ExtendedKeyManager keyManager, List<FileStamp> stamps) {
    }

    private final String listener;
    private final TlsConfig config;
    private final SecureRandom random = new SecureRandom();
    private final TrustManager[] trust;
    private volatile boolean requestClientCertificates;
    private volatile Credentials current;
    private List<FileStamp> lastFailed;          // guarded by this: the files of a failed reload, not retried

    private ListenerTls(String listener, TlsConfig config, Credentials credentials, TrustManager[] trust) {
        this.listener = listener;
        this.config = config;
        this.current = credentials;
        this.trust = trust;
    }

    /**
     * Loads and checks the listener's key and certificate and its protocol and cipher settings. Blocking file I/O.
     *
     * @throws IOException naming the listener and the file at fault: unreadable, malformed, key and certificate
     *                     that do not match, a certificate outside its validity period, or protocols and suites this
     *                     JDK cannot offer
     */
    public static ListenerTls load(String listener, TlsConfig config) throws IOException {
        Credentials credentials;
        try {
            credentials = loadCredentials(config);
        } catch (CertificateLoadException e) {
            throw new IOException("listener " + listener + ": tls: " + e.getMessage(), e);
        }
        ListenerTls tls = new ListenerTls(listener, config, credentials, new TrustManager[] {new ClientCertificates()});
        try {
            tls.engine(tls.newContext(credentials.keyManager()));
        } catch (IllegalArgumentException e) {
            throw new IOException("listener " + listener + ": tls: " + e.getMessage(), e);
        }
        return tls;
    }

    private static Credentials loadCredentials(TlsConfig config) throws CertificateLoadException {
        List<FileStamp> stamps = stamps(config);
        KeyMaterial material = config.keystore() != null
                ? ServerCertificates.loadPkcs12(config.keystore(), password(config))
                : ServerCertificates.loadPem(config.certificate(), config.privateKey());
        try {
            return new Credentials(material, material.keyManager(), stamps);
        } catch (GeneralSecurityException e) {
            Path file = config.keystore() != null ? config.keystore() : config.certificate();
            throw new CertificateLoadException(file, "the JDK cannot serve this key: " + e.getMessage(), e);
        }
    }

    private static char[] password(TlsConfig config) {
        return config.keystorePassword() == null ? new char[0] : config.keystorePassword().toCharArray();
    }

    private static List<FileStamp> stamps(TlsConfig config) {
        List<FileStamp> stamps = new ArrayList<>(2);
        for (Path file : new Path[] {config.certificate(), config.privateKey(), config.keystore()}) {
            if (file != null) {
                stamps.add(FileStamp.of(file));
            }
        }
        return stamps;
    }

    /**
     * Reloads the certificate when one of its files changed on disk since it was loaded. A file that no longer
     * loads (half-written, or a new key not yet beside its certificate) is reported once and the current
     * certificate kept: sessions never lose TLS to a botched replacement. Blocking file I/O: the watcher's thread.
     *
     * @return true when a new certificate is now served
     */
    public synchronized boolean reloadIfChanged() {
        List<FileStamp> now = stamps(config);
        if (now.equals(current.stamps()) || now.equals(lastFailed)) {
            return false;
        }
        try {
            Credentials fresh = loadCredentials(config);
            current = fresh;
            lastFailed = null;
            LOG.log(System.Logger.Level.INFO, "listener {0}: certificate reloaded: {1}, SHA-256 {2}", listener,
                    fresh.material().certificate().getSubjectX500Principal(), fresh.material().sha256Fingerprint());
            return true;
        } catch (CertificateLoadException e) {
            lastFailed = now;
            LOG.log(System.Logger.Level.WARNING, "listener {0}: certificate files changed but cannot be used, still "
                    + "serving the previous certificate: {1}", listener, e.getMessage());
            return false;
        }
    }

    /**
     * A new TLS state for one control connection, with the certificate served now.
     *
     * @param tasks where its connections' handshake tasks run
     */
    public SessionTls newSession(TaskOffload tasks) {
        return new SessionTls(this, current.keyManager(), tasks);
    }

    /** A context of its own for one control connection (or one unchecked data connection); cheap, a few µs. */
    SSLContext newContext(KeyManager keyManager) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keyManager}, trust, random);
            return context;
        } catch (GeneralSecurityException e) {
            // "TLS" is a mandatory JSSE algorithm, and init only fails for managers of the wrong kind.
            throw new IllegalStateException("cannot create a TLS context", e);
        }
    }

    /**
     * Makes control connections ask for a client certificate, because some user logs in with one; a client without
     * one still connects. Set at start, before the listener accepts.
     */
    public void requestClientCertificates() {
        this.requestClientCertificates = true;
    }

    /** A server engine for a control connection: asks for a client certificate when some user needs one. */
    SSLEngine controlEngine(SSLContext context) {
        SSLEngine engine = engine(context);
        if (requestClientCertificates) {
            engine.setWantClientAuth(true);
        }
        return engine;
    }

    /** A server engine with this listener's protocols and suites. */
    SSLEngine engine(SSLContext context) {
        return TlsProtocols.serverEngine(context, config.protocols(), config.cipherSuites());
    }

    /** The leaf certificate served to new sessions. */
    public KeyMaterial material() {
        return current.material();
    }

    /** True for implicit FTPS: every connection starts with the handshake. */
    public boolean implicit() {
        return config.implicit();
    }

    /** True when USER must wait for TLS on the control connection. */
    public boolean requiresControl() {
        return config.implicit() || config.require() == TlsRequirement.CONTROL
                || config.require() == TlsRequirement.BOTH;
    }

    /** True when transfers must use {@code PROT P}. */
    public boolean requiresData() {
        return config.require() == TlsRequirement.DATA || config.require() == TlsRequirement.BOTH;
    }

    /** Whether data connections must resume the control session. */
    public SessionReuse sessionReuse() {
        return config.sessionReuse();
    }

    /** Whether {@code CCC} is accepted. */
    public boolean allowCcc() {
        return config.allowCcc();
    }

    /** The certificate and key files, for the watcher's log line. */
    public String describeFiles() {
        return config.keystore() != null ? config.keystore().toString()
                : config.certificate() + (config.privateKey() == null ? "" : ", " + config.privateKey());
    }
}
