package io.wharf.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading, generating and writing server key material; every failure message exactly as an operator reads it. */
class ServerCertificatesTest {

    private static final List<String> HOSTS = List.of("ftp.example.test", "127.0.0.1", "[::1]");

    private static KeyMaterial ec;

    @TempDir
    Path dir;

    @BeforeAll
    static void generate() throws GeneralSecurityException {
        ec = SelfSignedCertificate.generate(HOSTS, Duration.ofDays(30));
    }

    @Test
    void pemWrittenBySelfSignedCertificateLoadsBack() throws Exception {
        Path chain = dir.resolve("tls.pem");
        Path key = dir.resolve("key.pem");
        SelfSignedCertificate.writePem(ec, chain, key);

        KeyMaterial loaded = ServerCertificates.loadPem(chain, key);
        assertEquals(ec.sha256Fingerprint(), loaded.sha256Fingerprint());
        assertEquals("EC", loaded.key().getAlgorithm());
        assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----\n"), "PKCS#8");
        assertTrue(Files.readString(chain).startsWith("-----BEGIN CERTIFICATE-----\n"));
        if (Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void writePemReplacesExistingFiles() throws Exception {
        Path chain = dir.resolve("tls.pem");
        Path key = dir.resolve("key.pem");
        SelfSignedCertificate.writePem(ec, chain, key);
        KeyMaterial next = SelfSignedCertificate.generate(List.of("localhost"), Duration.ofDays(1));
        SelfSignedCertificate.writePem(next, chain, key);
        assertEquals(next.sha256Fingerprint(), ServerCertificates.loadPem(chain, key).sha256Fingerprint());
    }

    @Test
    void keyAndChainInOneFile() throws Exception {
        Path both = write("both.pem", pem(ec.certificate()) + pem(new JcaPKCS8Generator(ec.key(), null)));
        assertEquals(ec.sha256Fingerprint(), ServerCertificates.loadPem(both, null).sha256Fingerprint());
        assertEquals(ec.sha256Fingerprint(), ServerCertificates.loadPem(both, both).sha256Fingerprint());
    }

    @Test
    void pkcs1RsaKeyLoads() throws Exception {
        KeyMaterial rsa = rsaMaterial();
        Path chain = write("rsa.pem", pem(rsa.certificate()));
        Path key = write("rsa.key", pem(rsa.key()));        // JcaPEMWriter writes a bare private key as PKCS#1
        assertTrue(Files.readString(key).startsWith("-----BEGIN RSA PRIVATE KEY-----\n"));

        KeyMaterial loaded = ServerCertificates.loadPem(chain, key);
        assertEquals("RSA", loaded.key().getAlgorithm());
        assertEquals(rsa.sha256Fingerprint(), loaded.sha256Fingerprint());
    }

    @Test
    void sec1EcKeyLoads() throws Exception {
        Path chain = write("ec.pem", pem(ec.certificate()));
        // As "openssl ecparam -genkey -name prime256v1" writes it: the curve's OID, then the key naming it again.
        String parameters = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n";
        PrivateKeyInfo pkcs8 = PrivateKeyInfo.getInstance(ec.key().getEncoded());
        ECPrivateKey bare = ECPrivateKey.getInstance(pkcs8.parsePrivateKey());
        ECPrivateKey named = new ECPrivateKey(256, bare.getKey(), bare.getPublicKey(),
                pkcs8.getPrivateKeyAlgorithm().getParameters());
        Path opensslStyle = write("openssl.key", parameters + pem(new PemObject("EC PRIVATE KEY", named.getEncoded())));
        assertEquals(ec.sha256Fingerprint(), ServerCertificates.loadPem(chain, opensslStyle).sha256Fingerprint());

        // SEC1 may leave the curve out: then it comes from an EC PARAMETERS block, or else from the certificate.
        String curveless = pem(ec.key());                      // JcaPEMWriter writes the key's bare SEC1 form
        assertTrue(curveless.startsWith("-----BEGIN EC PRIVATE KEY-----\n"));
        Path afterParameters = write("after.key", parameters + curveless);
        assertEquals(ec.sha256Fingerprint(), ServerCertificates.loadPem(chain, afterParameters).sha256Fingerprint());
        Path alone = write("alone.key", curveless);
        assertEquals(ec.sha256Fingerprint(), ServerCertificates.loadPem(chain, alone).sha256Fingerprint());
    }

    @Test
    void pkcs12LoadsItsFirstKeyEntry() throws Exception {
        char[] password = "changeit".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("a-trusted-ca", rsaMaterial().certificate());
        store.setKeyEntry("server", ec.key(), password, ec.chain().toArray(new X509Certificate[0]));
        Path file = dir.resolve("server.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }

        assertEquals(ec.sha256Fingerprint(), ServerCertificates.loadPkcs12(file, password).sha256Fingerprint());
        assertFailure(file, "wrong keystore password", () -> ServerCertificates.loadPkcs12(file, "nope".toCharArray()));
    }

    @Test
    void pkcs12WithoutAKeyEntry() throws Exception {
        char[] password = "changeit".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", ec.certificate());
        Path file = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
        assertFailure(file, "no private key entry found", () -> ServerCertificates.loadPkcs12(file, password));
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefused() throws Exception {
        KeyMaterial other = SelfSignedCertificate.generate(List.of("localhost"), Duration.ofDays(1));
        Path chain = write("tls.pem", pem(ec.certificate()));
        Path key = write("key.pem", pem(new JcaPKCS8Generator(other.key(), null)));
        assertFailure(key, "certificate and private key do not match", () -> ServerCertificates.loadPem(chain, key));

        Path rsaKey = write("rsa.key", pem(rsaMaterial().key()));
        assertFailure(rsaKey, "certificate and private key do not match",
                () -> ServerCertificates.loadPem(chain, rsaKey));
    }

    @Test
    void anExpiredCertificateIsRefused() throws Exception {
        KeyMaterial expired = SelfSignedCertificate.generate(List.of("localhost"),
                Instant.parse("2023-01-01T00:00:00Z"), Instant.parse("2024-01-01T00:00:00Z"));
        Path chain = dir.resolve("tls.pem");
        Path key = dir.resolve("key.pem");
        SelfSignedCertificate.writePem(expired, chain, key);
        assertFailure(chain, "certificate expired on 2024-01-01T00:00:00Z",
                () -> ServerCertificates.loadPem(chain, key));
    }

    @Test
    void aCertificateNotYetValidIsRefused() throws Exception {
        KeyMaterial future = SelfSignedCertificate.generate(List.of("localhost"),
                Instant.parse("2999-01-01T00:00:00Z"), Instant.parse("3000-01-01T00:00:00Z"));
        Path chain = dir.resolve("tls.pem");
        Path key = dir.resolve("key.pem");
        SelfSignedCertificate.writePem(future, chain, key);
        assertFailure(chain, "certificate not valid before 2999-01-01T00:00:00Z",
                () -> ServerCertificates.loadPem(chain, key));
    }

    @Test
    void aChainFileWithoutCertificatesIsRefused() throws Exception {
        Path key = write("key.pem", pem(new JcaPKCS8Generator(ec.key(), null)));
        Path chain = write("tls.pem", pem(new JcaPKCS8Generator(ec.key(), null)));
        assertFailure(chain, "no certificate found", () -> ServerCertificates.loadPem(chain, key));

        Path empty = write("empty.pem", "");
        assertFailure(empty, "no certificate found", () -> ServerCertificates.loadPem(empty, key));
    }

    @Test
    void aKeyFileHoldingACertificateIsRefused() throws Exception {
        Path chain = write("tls.pem", pem(ec.certificate()));
        Path key = write("key.pem", pem(ec.certificate()));
        assertFailure(key, "not a private key (found CERTIFICATE)", () -> ServerCertificates.loadPem(chain, key));
        assertFailure(chain, "no private key found", () -> ServerCertificates.loadPem(chain, null));
    }

    @Test
    void anEncryptedKeyIsRefusedWithAHint() throws Exception {
        Path chain = write("tls.pem", pem(ec.certificate()));
        Path key = write("key.pem", pem(new JcaPKCS8Generator(ec.key(),
                new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC).setPassword("pw".toCharArray())
                        .setProvider(new BouncyCastleProvider()).build())));
        CertificateLoadException e = assertThrows(CertificateLoadException.class,
                () -> ServerCertificates.loadPem(chain, key));
        assertTrue(e.problem().startsWith("encrypted private keys are not supported (found ENCRYPTED PRIVATE KEY)"),
                e.getMessage());
    }

    @Test
    void missingAndMalformedFilesAreNamed() throws Exception {
        Path missing = dir.resolve("missing.pem");
        Path key = write("key.pem", pem(new JcaPKCS8Generator(ec.key(), null)));
        assertFailure(missing, "file not found", () -> ServerCertificates.loadPem(missing, key));
        assertFailure(missing, "file not found", () -> ServerCertificates.loadPkcs12(missing, new char[0]));

        Path broken = write("broken.pem", "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n");
        CertificateLoadException e = assertThrows(CertificateLoadException.class,
                () -> ServerCertificates.loadPem(broken, key));
        assertEquals(broken, e.file());
        assertTrue(e.problem().startsWith("malformed PEM: "), e.getMessage());
    }

    @Test
    void selfSignedCertificateNamesEveryHost() throws Exception {
        X509Certificate certificate = ec.certificate();
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        assertTrue(names.contains(List.of(2, "ftp.example.test")), names.toString());
        assertTrue(names.contains(List.of(7, "127.0.0.1")), names.toString());
        assertTrue(names.contains(List.of(7, "0:0:0:0:0:0:0:1")), names.toString());
        assertEquals(3, names.size());
        assertEquals("CN=ftp.example.test", certificate.getSubjectX500Principal().getName());
        assertEquals(-1, certificate.getBasicConstraints(), "not a CA");
        assertTrue(certificate.getKeyUsage()[0], "digitalSignature");
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), certificate.getExtendedKeyUsage());
        assertEquals(128, certificate.getSerialNumber().bitLength());
        assertEquals("EC", certificate.getPublicKey().getAlgorithm());
        Instant notBefore = certificate.getNotBefore().toInstant();
        assertTrue(notBefore.isBefore(Instant.now().minus(Duration.ofMinutes(59))), "backdated for clock skew");
        assertTrue(certificate.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(29))));
        certificate.verify(certificate.getPublicKey());
    }

    @Test
    void fingerprintIsColonSeparatedUpperCaseSha256() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(ec.certificate().getEncoded());
        assertEquals(HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest), ec.sha256Fingerprint());
        assertTrue(ec.sha256Fingerprint().matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"));
        assertTrue(!ec.toString().contains("private"), ec.toString());
    }

    // ---- fixtures -------------------------------------------------------------------------------------------------

    private interface Load {
        KeyMaterial run() throws Exception;
    }

    private static void assertFailure(Path file, String problem, Load load) {
        CertificateLoadException e = assertThrows(CertificateLoadException.class, load::run);
        assertEquals(file + ": " + problem, e.getMessage());
        assertEquals(problem, e.problem());
        assertEquals(file, e.file());
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.US_ASCII);
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    /** An RSA-2048 key and a self-signed certificate for it, built in the test (Wharf itself generates EC only). */
    private static KeyMaterial rsaMaterial() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=rsa.example.test");
        Instant now = Instant.now();
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                new JcaX509v3CertificateBuilder(name, BigInteger.TWO, Date.from(now.minusSeconds(60)),
                        Date.from(now.plus(Duration.ofDays(1))), name, pair.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        return new KeyMaterial(pair.getPrivate(), List.of(certificate));
    }
}
