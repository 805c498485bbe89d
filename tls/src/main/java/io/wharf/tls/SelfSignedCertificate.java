package io.wharf.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import io.wharf.config.AtomicFile;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * Self-signed server certificates, made with BouncyCastle, for the embedded default's first start and for tests.
 *
 * <p>The certificate: EC P-256 key signed with SHA256withECDSA; subject {@code CN=<first host>}; one subject
 * alternative name per host (an {@code iPAddress} for a literal IPv4 or IPv6 address, else a {@code dNSName});
 * valid from one hour ago (clock skew) for the given duration; random 128-bit serial; basicConstraints CA:false,
 * keyUsage digitalSignature (critical), extendedKeyUsage serverAuth, and a subject key identifier.
 *
 * <p>Threading: stateless; {@link #writePem} does blocking file I/O.
 */
public final class SelfSignedCertificate {

    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private SelfSignedCertificate() {
    }

    /**
     * Generates a key pair and a certificate for {@code hosts}.
     *
     * @param hosts    host names and literal IP addresses ({@code [::1]} brackets allowed), at least one; no DNS
     *                 lookups are made
     * @param validity how long from now the certificate is valid
     */
    public static KeyMaterial generate(List<String> hosts, Duration validity) throws GeneralSecurityException {
        Instant now = Instant.now();
        return generate(hosts, now.minus(BACKDATE), now.plus(validity));
    }

    /** As {@link #generate(List, Duration)} with an explicit validity period, for tests of expired certificates. */
    public static KeyMaterial generate(List<String> hosts, Instant notBefore, Instant notAfter)
            throws GeneralSecurityException {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("a certificate needs at least one host");
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        KeyPair pair = generator.generateKeyPair();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, bare(hosts.get(0))).build();
        BigInteger serial = new BigInteger(128, RANDOM).setBit(127);   // positive, never 0 (RFC 5280 4.1.2.2)
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial, Date.from(notBefore),
                Date.from(notAfter), subject, pair.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(hosts));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return new KeyMaterial(pair.getPrivate(), List.of(certificate));
        } catch (IOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot build a self-signed certificate for " + hosts, e);
        }
    }

    /**
     * Writes the chain as PEM {@code CERTIFICATE} blocks and the key as a PKCS#8 {@code PRIVATE KEY} block, each
     * atomically: a temporary file in the target's directory, forced to disk, then moved over the target, so a
     * reader never sees half a file. Where the file system is POSIX the key file is created with mode 0600 and the
     * chain with 0644 (less any umask). The key is written first; a crash between the two moves leaves a new key
     * with the old chain, which {@link ServerCertificates#loadPem} rejects as not matching.
     */
    public static void writePem(KeyMaterial material, Path chain, Path key) throws IOException {
        StringWriter keyText = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(keyText)) {
            writer.writeObject(new JcaPKCS8Generator(material.key(), null));
        }
        StringWriter chainText = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(chainText)) {
            for (X509Certificate certificate : material.chain()) {
                writer.writeObject(certificate);
            }
        }
        AtomicFile.write(key, keyText.toString().getBytes(StandardCharsets.US_ASCII), "rw-------");
        AtomicFile.write(chain, chainText.toString().getBytes(StandardCharsets.US_ASCII), "rw-r--r--");
    }

    private static GeneralNames alternativeNames(List<String> hosts) {
        GeneralName[] names = new GeneralName[hosts.size()];
        for (int i = 0; i < names.length; i++) {
            String host = bare(hosts.get(i));
            if (host.isEmpty()) {
                throw new IllegalArgumentException("empty host name in " + hosts);
            }
            names[i] = new GeneralName(IPAddress.isValid(host) ? GeneralName.iPAddress : GeneralName.dNSName, host);
        }
        return new GeneralNames(names);
    }

    /** The host without the brackets of an IPv6 literal ({@code [::1]} to {@code ::1}). */
    private static String bare(String host) {
        String trimmed = host.strip();
        return trimmed.startsWith("[") && trimmed.endsWith("]") ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }
}
