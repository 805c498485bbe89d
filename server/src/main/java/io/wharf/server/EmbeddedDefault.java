package io.wharf.server;

import io.wharf.config.ActiveConfig;
import io.wharf.config.LimitsConfig;
import io.wharf.config.ListenerConfig;
import io.wharf.config.PassiveConfig;
import io.wharf.config.PortRange;
import io.wharf.config.SessionReuse;
import io.wharf.config.TlsConfig;
import io.wharf.config.TlsRequirement;
import io.wharf.config.UserEntry;
import io.wharf.config.UsersFile;
import io.wharf.config.WharfConfig;
import io.wharf.server.auth.Argon2idHasher;
import io.wharf.tls.CertificateLoadException;
import io.wharf.tls.KeyMaterial;
import io.wharf.tls.SelfSignedCertificate;
import io.wharf.tls.ServerCertificates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The configuration {@code wharf serve} runs without a file: files under {@code <data>/files}, one user {@code demo}
 * whose random password is generated once, shown once, and stored only as a hash, and a self-signed certificate in
 * {@code <data>/tls} for {@code localhost}, {@code 127.0.0.1} and {@code ::1}. Two listeners on 127.0.0.1: {@code ftp}
 * (port 2121) serves plain FTP and offers {@code AUTH TLS}, and {@code ftps} (port 2990) speaks implicit FTPS. Each
 * has a passive range of its own. A second start reuses everything the first created.
 */
public final class EmbeddedDefault {

    /** The default listener's port. */
    public static final int PORT = 2121;
    /** The implicit-FTPS listener's default port. */
    public static final int FTPS_PORT = 2990;
    /** The implicit-FTPS listener's name. */
    public static final String FTPS_LISTENER = "ftps";
    /**
     * The default passive range: above the usual service ports, below the Linux ephemeral range (32768-60999). A
     * thousand ports, one per ten of the {@link LimitsConfig#defaults() default} 10,000 sessions, so the start-up
     * sizing check stays quiet and benchmarks that hold thousands of sessions against the default still fit; the
     * ports cost nothing until PASV or EPSV binds one.
     */
    public static final PortRange PASSIVE_PORTS = new PortRange(30000, 30999);
    /** The implicit-FTPS listener's passive range, right after the default one. */
    public static final PortRange FTPS_PASSIVE_PORTS = new PortRange(31000, 31999);
    /** The demo user's name. */
    public static final String USER = "demo";
    /** The names the generated certificate is valid for: every way a local client may name 127.0.0.1 or ::1. */
    public static final List<String> CERTIFICATE_HOSTS = List.of("localhost", "127.0.0.1", "::1");
    /** How long a generated certificate is valid. */
    public static final Duration CERTIFICATE_VALIDITY = Duration.ofDays(365);

    /** A certificate this close to expiry is replaced at start, so a long-running demo does not expire mid-run. */
    private static final Duration RENEW_BEFORE = Duration.ofDays(7);
    private static final String PASSWORD_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int PASSWORD_LENGTH = 16;

    /**
     * What preparing the default produced.
     *
     * @param config      the configuration to serve
     * @param newPassword the demo user's password if it was just created, else null (it was shown at first start)
     * @param certificate the certificate files and what was done to them
     */
    public record Prepared(WharfConfig config, String newPassword, Certificate certificate) {
    }

    /**
     * The embedded default's certificate files.
     *
     * @param file     the PEM certificate
     * @param key      the PEM private key (mode 0600)
     * @param material what the files hold
     * @param created  true when this start generated the files, false when it reused them
     * @param replaced when {@code created} replaced files that were there, why they could not be used; else null
     */
    public record Certificate(Path file, Path key, KeyMaterial material, boolean created, String replaced) {
    }

    private EmbeddedDefault() {
    }

    /**
     * Creates (or reuses) {@code dataDir}'s files directory, users file and certificate, and returns the config to
     * run. Blocking file I/O, and a key generation on first start.
     *
     * @param port     the {@code ftp} listener's port, 0 for an ephemeral one
     * @param ftpsPort the {@code ftps} (implicit TLS) listener's port, 0 for an ephemeral one
     * @throws IOException when a file cannot be created or written
     */
    public static Prepared prepare(Path dataDir, int port, int ftpsPort) throws IOException {
        Path root = dataDir.resolve("files").toAbsolutePath().normalize();
        Path users = dataDir.resolve("users.yaml").toAbsolutePath().normalize();
        Files.createDirectories(root);
        String password = null;
        if (!Files.exists(users)) {
            password = randomPassword();
            String hash = new Argon2idHasher(Argon2idHasher.Cost.DEFAULT)
                    .hash(password.getBytes(StandardCharsets.UTF_8));
            UsersFile.write(users, List.of(new UserEntry(USER, hash, ".")));
        }
        Path tlsDir = dataDir.resolve("tls").toAbsolutePath().normalize();
        Certificate certificate = certificate(tlsDir.resolve("server.crt"), tlsDir.resolve("server.key"));
        ListenerConfig ftp = new ListenerConfig("ftp", "127.0.0.1", port,
                new PassiveConfig(List.of(PASSIVE_PORTS), null), ActiveConfig.defaults(),
                tls(false, certificate));
        ListenerConfig ftps = new ListenerConfig(FTPS_LISTENER, "127.0.0.1", ftpsPort,
                new PassiveConfig(List.of(FTPS_PASSIVE_PORTS), null), ActiveConfig.defaults(),
                tls(true, certificate));
        WharfConfig config = new WharfConfig(null, 0, root, users, LimitsConfig.defaults(), List.of(ftp, ftps));
        return new Prepared(config, password, certificate);
    }

    /**
     * TLS offered, never required, so plain FTP keeps working for the clients that used the default before FTPS;
     * session reuse enforced, as in any real deployment, so the demo shows which clients cope with it.
     */
    private static TlsConfig tls(boolean implicit, Certificate certificate) {
        return new TlsConfig(implicit, certificate.file(), certificate.key(), null, null, TlsRequirement.NONE,
                SessionReuse.ENFORCE, TlsConfig.DEFAULT_PROTOCOLS, List.of(), false);
    }

    /** Reuses the certificate files when they load and stay valid for a while; otherwise writes new ones. */
    static Certificate certificate(Path file, Path key) throws IOException {
        boolean existed = Files.exists(file) || Files.exists(key);
        String replaced = null;
        if (existed) {
            try {
                KeyMaterial material = ServerCertificates.loadPem(file, key);
                Instant notAfter = material.certificate().getNotAfter().toInstant();
                if (notAfter.isAfter(Instant.now().plus(RENEW_BEFORE))) {
                    return new Certificate(file, key, material, false, null);
                }
                replaced = "certificate expires on " + notAfter;
            } catch (CertificateLoadException e) {
                replaced = e.getMessage();
            }
        }
        KeyMaterial material;
        try {
            material = SelfSignedCertificate.generate(CERTIFICATE_HOSTS, CERTIFICATE_VALIDITY);
        } catch (GeneralSecurityException e) {
            // EC P-256 and SHA256withECDSA are in every JDK since 7; failing here means a broken JDK install.
            throw new IOException("cannot generate a self-signed certificate: " + e.getMessage(), e);
        }
        if (existed) {
            keepAside(file);
            keepAside(key);
        }
        SelfSignedCertificate.writePem(material, file, key);
        return new Certificate(file, key, material, true, replaced);
    }

    /** Files that are replaced are renamed, never lost: an operator may have put a certificate of their own there. */
    private static void keepAside(Path file) throws IOException {
        if (Files.exists(file)) {
            Files.move(file, file.resolveSibling(file.getFileName() + ".replaced-" + Instant.now().getEpochSecond()),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }
}
