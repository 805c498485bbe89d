package io.wharf.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemObjectParser;

/**
 * Loads a server's key and certificate chain from files and checks that they can serve: the key belongs to the
 * leaf certificate, and the leaf certificate is inside its validity period now.
 *
 * <p>Every failure is a {@link CertificateLoadException} whose message names the file and the problem, for
 * example {@code "tls.pem: no certificate found"} or {@code "key.pem: not a private key (found CERTIFICATE)"}.
 * Only the leaf's validity is checked: chains in the wild (Let's Encrypt's long chain) carry deliberately
 * expired cross-signatures that clients ignore.
 *
 * <p>Threading: stateless; blocking file I/O, so call it off the event loops.
 */
public final class ServerCertificates {

    private static final byte[] PROBE = "wharf key check".getBytes(StandardCharsets.US_ASCII);

    private ServerCertificates() {
    }

    /**
     * Loads a PEM certificate chain and private key.
     *
     * @param chain one or more {@code CERTIFICATE} blocks, leaf first; may also hold the key
     * @param key   the private key: PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1
     *              ({@code EC PRIVATE KEY}), unencrypted; null, or the same path as {@code chain}, when the key is
     *              in the chain file
     */
    public static KeyMaterial loadPem(Path chain, Path key) throws CertificateLoadException {
        Path keyFile = key == null ? chain : key;
        boolean combined = keyFile.equals(chain);
        List<PemBlock> chainBlocks = readPem(chain);
        List<X509Certificate> certificates = certificates(chain, chainBlocks);
        if (certificates.isEmpty()) {
            throw new CertificateLoadException(chain, "no certificate found", null);
        }
        List<PemBlock> keyBlocks = combined ? chainBlocks : readPem(keyFile);
        PrivateKey privateKey = privateKey(keyFile, keyBlocks, combined, certificates.get(0));
        KeyMaterial material = new KeyMaterial(privateKey, certificates);
        validate(material, chain, keyFile, Instant.now());
        return material;
    }

    /**
     * Loads the first private-key entry of a PKCS#12 keystore, whose key password must be the store password.
     *
     * @param password the store password; not retained
     */
    public static KeyMaterial loadPkcs12(Path keystore, char[] password) throws CertificateLoadException {
        KeyStore store = openPkcs12(keystore, password);
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                Key key = store.getKey(alias, password);
                Certificate[] chain = store.getCertificateChain(alias);
                if (!(key instanceof PrivateKey) || chain == null || chain.length == 0) {
                    continue;            // a secret-key entry, or a key without certificates: not server material
                }
                List<X509Certificate> certificates = new ArrayList<>(chain.length);
                for (Certificate certificate : chain) {
                    certificates.add((X509Certificate) certificate);
                }
                KeyMaterial material = new KeyMaterial((PrivateKey) key, certificates);
                validate(material, keystore, keystore, Instant.now());
                return material;
            }
        } catch (UnrecoverableKeyException e) {
            throw new CertificateLoadException(keystore, "the private key's password differs from the keystore's", e);
        } catch (GeneralSecurityException e) {
            throw new CertificateLoadException(keystore, "cannot read keystore entries: " + e.getMessage(), e);
        }
        throw new CertificateLoadException(keystore, "no private key entry found", null);
    }

    /** Checks that the key signs for the leaf certificate and that the leaf is valid at {@code now}. */
    static void validate(KeyMaterial material, Path chainFile, Path keyFile, Instant now)
            throws CertificateLoadException {
        X509Certificate leaf = material.certificate();
        if (!matches(material.key(), leaf.getPublicKey(), keyFile)) {
            throw new CertificateLoadException(keyFile, "certificate and private key do not match", null);
        }
        Instant notAfter = leaf.getNotAfter().toInstant();
        Instant notBefore = leaf.getNotBefore().toInstant();
        if (now.isAfter(notAfter)) {
            throw new CertificateLoadException(chainFile, "certificate expired on " + notAfter, null);
        }
        if (now.isBefore(notBefore)) {
            throw new CertificateLoadException(chainFile, "certificate not valid before " + notBefore, null);
        }
    }

    // ---- PEM ------------------------------------------------------------------------------------------------------

    /** One PEM block: its label, and what BouncyCastle parsed it into (null for a label it does not know). */
    private record PemBlock(String type, Object value) {
    }

    /** PEMParser with access to its per-label parsers, so every block keeps its label for error messages. */
    private static final class LabelledPemParser extends PEMParser {

        LabelledPemParser(String text) {
            super(new StringReader(text));
        }

        PemBlock next() throws IOException {
            PemObject object = readPemObject();
            if (object == null) {
                return null;
            }
            PemObjectParser parser = (PemObjectParser) parsers.get(object.getType());
            return new PemBlock(object.getType(), parser == null ? null : parser.parseObject(object));
        }
    }

    private static List<PemBlock> readPem(Path file) throws CertificateLoadException {
        String text = readText(file);
        List<PemBlock> blocks = new ArrayList<>();
        try (LabelledPemParser parser = new LabelledPemParser(text)) {
            for (PemBlock block = parser.next(); block != null; block = parser.next()) {
                blocks.add(block);
            }
        } catch (IOException | RuntimeException e) {
            // BouncyCastle reports bad base64 and bad DER as IOExceptions or as IllegalArgument/State exceptions.
            throw new CertificateLoadException(file, "malformed PEM: " + e.getMessage(), e);
        }
        return blocks;
    }

    private static String readText(Path file) throws CertificateLoadException {
        try {
            // ISO-8859-1 maps every byte, so a stray non-ASCII byte in a comment cannot fail the read.
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static List<X509Certificate> certificates(Path file, List<PemBlock> blocks)
            throws CertificateLoadException {
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        List<X509Certificate> certificates = new ArrayList<>();
        for (PemBlock block : blocks) {
            X509CertificateHolder holder = null;
            if (block.value() instanceof X509CertificateHolder h) {
                holder = h;
            } else if (block.value() instanceof X509TrustedCertificateBlock trusted) {
                holder = trusted.getCertificateHolder();
            }
            if (holder != null) {
                try {
                    certificates.add(converter.getCertificate(holder));
                } catch (CertificateException e) {
                    throw new CertificateLoadException(file, "malformed certificate: " + e.getMessage(), e);
                }
            }
        }
        return certificates;
    }

    private static PrivateKey privateKey(Path file, List<PemBlock> blocks, boolean combined, X509Certificate leaf)
            throws CertificateLoadException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        PrivateKey found = null;
        ASN1Encodable curve = null;
        for (PemBlock block : blocks) {
            Object value = block.value();
            if (PEMParser.TYPE_EC_PARAMETERS.equals(block.type()) && value instanceof ASN1Encodable parameters) {
                curve = parameters;
                continue;
            }
            if (value instanceof PEMEncryptedKeyPair || value instanceof PKCS8EncryptedPrivateKeyInfo) {
                throw new CertificateLoadException(file, "encrypted private keys are not supported (found "
                        + block.type() + "); decrypt it with: openssl pkey -in <file> -out <new file>", null);
            }
            PrivateKeyInfo info = value instanceof PrivateKeyInfo pkcs8 ? pkcs8
                    : value instanceof PEMKeyPair pair ? pair.getPrivateKeyInfo() : null;
            if (info == null) {
                if (value == null && block.type().endsWith("PRIVATE KEY")) {
                    throw new CertificateLoadException(file, "unsupported private key format (" + block.type() + ")",
                            null);
                }
                continue;
            }
            if (found != null) {
                throw new CertificateLoadException(file, "more than one private key found", null);
            }
            try {
                found = converter.getPrivateKey(withCurve(info, curve, leaf));
            } catch (IOException e) {
                throw new CertificateLoadException(file, "malformed private key: " + e.getMessage(), e);
            }
        }
        if (found != null) {
            return found;
        }
        if (combined || blocks.isEmpty()) {
            throw new CertificateLoadException(file, "no private key found", null);
        }
        throw new CertificateLoadException(file, "not a private key (found " + blocks.get(0).type() + ")", null);
    }

    /**
     * A SEC1 EC key may leave its curve out (the optional {@code parameters} field), relying on a separate
     * {@code EC PARAMETERS} block or on nothing at all; the JDK's key factory needs it. Take it from that block, or
     * else from the certificate the key is meant for (if that is the wrong curve, the match check reports it).
     */
    private static PrivateKeyInfo withCurve(PrivateKeyInfo info, ASN1Encodable curve, X509Certificate leaf)
            throws IOException {
        AlgorithmIdentifier algorithm = info.getPrivateKeyAlgorithm();
        ASN1Encodable present = algorithm.getParameters();
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())
                || present != null && !DERNull.INSTANCE.equals(present)) {
            return info;
        }
        ASN1Encodable parameters = curve != null ? curve
                : SubjectPublicKeyInfo.getInstance(leaf.getPublicKey().getEncoded()).getAlgorithm().getParameters();
        return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, parameters),
                info.parsePrivateKey());
    }

    // ---- PKCS#12 and checks ---------------------------------------------------------------------------------------

    private static KeyStore openPkcs12(Path file, char[] password) throws CertificateLoadException {
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform supports PKCS12 keystores", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
            return store;
        } catch (NoSuchFileException | AccessDeniedException e) {
            throw unreadable(file, e);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new CertificateLoadException(file, "wrong keystore password", e);
            }
            throw new CertificateLoadException(file, "not a readable PKCS#12 keystore: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new CertificateLoadException(file, "not a readable PKCS#12 keystore: " + e.getMessage(), e);
        }
    }

    /** True when {@code key} makes signatures that {@code publicKey} verifies. */
    private static boolean matches(PrivateKey key, PublicKey publicKey, Path keyFile)
            throws CertificateLoadException {
        try {
            Signature signature = signatureFor(publicKey.getAlgorithm(), keyFile);
            signature.initSign(key);
            signature.update(PROBE);
            byte[] signed = signature.sign();
            signature.initVerify(publicKey);
            signature.update(PROBE);
            return signature.verify(signed);
        } catch (InvalidKeyException | SignatureException e) {
            return false;             // a key of another algorithm or curve: it cannot be this certificate's key
        } catch (GeneralSecurityException e) {
            throw new CertificateLoadException(keyFile, "cannot check the private key: " + e.getMessage(), e);
        }
    }

    private static Signature signatureFor(String keyAlgorithm, Path keyFile) throws GeneralSecurityException,
            CertificateLoadException {
        switch (keyAlgorithm) {
            case "RSA" -> {
                return Signature.getInstance("SHA256withRSA");
            }
            case "EC" -> {
                return Signature.getInstance("SHA256withECDSA");
            }
            case "DSA" -> {
                return Signature.getInstance("SHA256withDSA");
            }
            case "EdDSA", "Ed25519", "Ed448" -> {
                return Signature.getInstance("EdDSA");
            }
            case "RSASSA-PSS" -> {
                Signature pss = Signature.getInstance("RSASSA-PSS");
                pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                return pss;
            }
            default -> throw new CertificateLoadException(keyFile, "unsupported key algorithm " + keyAlgorithm, null);
        }
    }

    private static CertificateLoadException unreadable(Path file, IOException e) {
        String problem = e instanceof NoSuchFileException ? "file not found"
                : e instanceof AccessDeniedException ? "permission denied"
                : "cannot read: " + e;
        return new CertificateLoadException(file, problem, e);
    }
}
