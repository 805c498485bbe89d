package io.wharf.config;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * TLS (FTPS, RFC 4217) for one listener; a listener without one serves plain FTP only.
 *
 * <p>The server's key and certificate come either from PEM files or from a PKCS#12 keystore, never both. Nothing
 * here reads them or checks that they exist: the server loads them at start-up and reports what it cannot use.
 * Paths loaded by {@link ConfigLoader} are absolute, resolved against the config file's directory.
 *
 * <p>{@link #toString()} does not show the keystore password, so the record can be logged.
 *
 * @param implicit         {@code true}: the listener starts every connection with the TLS handshake (implicit FTPS,
 *                         conventionally port 990), so {@code require} always includes {@link TlsRequirement#CONTROL};
 *                         {@code false}: connections start in plain text and clients upgrade with {@code AUTH TLS}
 *                         (explicit FTPS)
 * @param certificate      a PEM certificate chain, leaf first, or {@code null} when {@code keystore} is used
 * @param privateKey       the PEM private key (PKCS#8, PKCS#1 RSA or SEC1 EC) of the leaf certificate, or
 *                         {@code null} when it is in the {@code certificate} file or {@code keystore} is used
 * @param keystore         a PKCS#12 file holding the key and its chain, or {@code null} when {@code certificate} is
 *                         used
 * @param keystorePassword the keystore's password, or {@code null} for none; only with {@code keystore}
 * @param require          which connections must be encrypted; see {@link TlsRequirement} for implicit listeners
 * @param sessionReuse     whether {@code PROT P} data connections must resume the control connection's TLS session
 * @param protocols        the protocol versions enabled, in the order configured, at least one and without repeats;
 *                         each one of {@link #SUPPORTED_PROTOCOLS}
 * @param cipherSuites     the JSSE cipher suite names enabled, in the order configured, without repeats; empty
 *                         means the JDK's defaults for {@code protocols}. Names are not checked against the JDK
 *                         here
 * @param allowCcc         whether {@code CCC} (clear command channel, which returns the control connection to
 *                         plain text after login) is accepted; refused when {@code false}
 */
public record TlsConfig(boolean implicit, Path certificate, Path privateKey, Path keystore, String keystorePassword,
                        TlsRequirement require, SessionReuse sessionReuse, List<String> protocols,
                        List<String> cipherSuites, boolean allowCcc) {

    /** The protocol versions enabled by default: TLS 1.0 and 1.1 are deprecated (RFC 8996). */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** Every value {@code protocols} may hold, newest first, spelled as JSSE spells them. */
    static final List<String> SUPPORTED_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1");

    static final TlsRequirement DEFAULT_REQUIRE = TlsRequirement.NONE;
    static final SessionReuse DEFAULT_SESSION_REUSE = SessionReuse.ENFORCE;

    /** JSSE cipher suite names, such as {@code TLS_AES_128_GCM_SHA256}. */
    static final Pattern CIPHER_SUITE = Pattern.compile("[A-Za-z0-9_]{1,128}");

    /**
     * @throws IllegalArgumentException if not exactly one of {@code certificate} and {@code keystore} is given,
     *                                  {@code privateKey} is given without {@code certificate},
     *                                  {@code keystorePassword} without {@code keystore}, {@code protocols} is empty
     *                                  or holds an unsupported or repeated version, or a cipher suite name is not a
     *                                  JSSE name or is repeated
     */
    public TlsConfig {
        Objects.requireNonNull(require, "require");
        Objects.requireNonNull(sessionReuse, "sessionReuse");
        protocols = List.copyOf(Objects.requireNonNull(protocols, "protocols"));
        cipherSuites = List.copyOf(Objects.requireNonNull(cipherSuites, "cipherSuites"));
        if (certificate == null && keystore == null) {
            throw new IllegalArgumentException("TLS needs a certificate or a keystore");
        }
        if (certificate != null && keystore != null) {
            throw new IllegalArgumentException("TLS certificate and keystore are exclusive");
        }
        if (privateKey != null && certificate == null) {
            throw new IllegalArgumentException("TLS privateKey is given without certificate");
        }
        if (keystorePassword != null && keystore == null) {
            throw new IllegalArgumentException("TLS keystorePassword is given without keystore");
        }
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("TLS protocols must not be empty");
        }
        Set<String> seen = new HashSet<>();
        for (String protocol : protocols) {
            if (!SUPPORTED_PROTOCOLS.contains(protocol)) {
                throw new IllegalArgumentException("TLS protocol " + protocol + " is not supported (use "
                        + supportedProtocols() + ")");
            }
            if (!seen.add(protocol)) {
                throw new IllegalArgumentException("TLS protocol " + protocol + " is repeated");
            }
        }
        Set<String> suites = new HashSet<>();
        for (String suite : cipherSuites) {
            if (!CIPHER_SUITE.matcher(suite).matches()) {
                throw new IllegalArgumentException("TLS cipher suite \"" + suite + "\" is not a JSSE name");
            }
            if (!suites.add(suite)) {
                throw new IllegalArgumentException("TLS cipher suite " + suite + " is repeated");
            }
        }
    }

    /**
     * Explicit TLS from PEM files with every other setting at its default: no connection required to be encrypted,
     * session reuse enforced, {@link #DEFAULT_PROTOCOLS}, the JDK's cipher suites, {@code CCC} refused.
     *
     * @param certificate the PEM certificate chain, leaf first
     * @param privateKey  the PEM private key, or {@code null} if it is in the certificate file
     * @return the configuration
     * @throws NullPointerException if {@code certificate} is null
     */
    public static TlsConfig pem(Path certificate, Path privateKey) {
        Objects.requireNonNull(certificate, "certificate");
        return new TlsConfig(false, certificate, privateKey, null, null, DEFAULT_REQUIRE, DEFAULT_SESSION_REUSE,
                DEFAULT_PROTOCOLS, List.of(), false);
    }

    /**
     * @return the record's fields, with the keystore password shown as {@code ***} when there is one
     */
    @Override
    public String toString() {
        return "TlsConfig[implicit=" + implicit + ", certificate=" + certificate + ", privateKey=" + privateKey
                + ", keystore=" + keystore + ", keystorePassword=" + (keystorePassword == null ? null : "***")
                + ", require=" + require + ", sessionReuse=" + sessionReuse + ", protocols=" + protocols
                + ", cipherSuites=" + cipherSuites + ", allowCcc=" + allowCcc + "]";
    }

    /**
     * @return {@link #SUPPORTED_PROTOCOLS} as a message lists them: {@code TLSv1.3, TLSv1.2, TLSv1.1 or TLSv1}
     */
    static String supportedProtocols() {
        int last = SUPPORTED_PROTOCOLS.size() - 1;
        return String.join(", ", SUPPORTED_PROTOCOLS.subList(0, last)) + " or " + SUPPORTED_PROTOCOLS.get(last);
    }
}
