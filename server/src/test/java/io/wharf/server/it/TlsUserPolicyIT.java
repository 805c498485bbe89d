package io.wharf.server.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.config.SessionReuse;
import io.wharf.config.TlsRequirement;
import io.wharf.tls.KeyMaterial;
import io.wharf.tls.SelfSignedCertificate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Per-user TLS rules on a listener that requires nothing: a user who must encrypt the control connection, one who
 * must encrypt data, and a partner who logs in with a client certificate (mutual TLS), alongside the ordinary
 * plain-FTP test user.
 */
@Timeout(60)
class TlsUserPolicyIT {

    private static final KeyMaterial PARTNER_CERTIFICATE = generate("partner.example");
    private static final KeyMaterial OTHER_CERTIFICATE = generate("intruder.example");

    @RegisterExtension
    final WharfServerExtension wharf = new WharfServerExtension()
            .tls(false, TlsRequirement.NONE, SessionReuse.ENFORCE)
            .user("secure", TlsRequirement.CONTROL, null)
            .user("private", TlsRequirement.DATA, null)
            .user("mtls", null, "sha256:" + PARTNER_CERTIFICATE.sha256Fingerprint())
            .user("bysubject", null, "subject:CN=partner.example");

    @AfterEach
    void noLeaks() {
        wharf.assertNoLeaks();
    }

    @Test
    void aUserWhoMustUseTlsCannotLogInInPlainText() throws Exception {
        try (RawFtp plain = new RawFtp(wharf.port())) {
            plain.expect("USER secure", 331);
            String refused = plain.expect("PASS " + WharfServerExtension.PASSWORD, 530);
            assertTrue(refused.contains("must use TLS"), refused);
            plain.expect("USER " + WharfServerExtension.USER, 331);     // the listener itself requires nothing
            plain.expect("PASS " + WharfServerExtension.PASSWORD, 230);
        }
        try (TlsFtp secure = TlsFtp.connect(TlsFtp.trustingTestCertificate(), wharf.port())) {
            secure.authTls();
            secure.expect("USER secure", 331);
            secure.expect("PASS " + WharfServerExtension.PASSWORD, 230);
        }
    }

    @Test
    void aUserWhoseDataMustBeEncryptedGetsNoPlainTransfer() throws Exception {
        byte[] content = "only over TLS\n".getBytes(StandardCharsets.US_ASCII);
        Files.write(wharf.home().resolve("secret.txt"), content);
        try (TlsFtp ftp = TlsFtp.connect(TlsFtp.trustingTestCertificate(), wharf.port())) {
            ftp.authTls();
            ftp.expect("USER private", 331);
            ftp.expect("PASS " + WharfServerExtension.PASSWORD, 230);
            ftp.epsv();
            ftp.expect("RETR secret.txt", 521);
            ftp.expect("PBSZ 0", 200);
            ftp.expect("PROT C", 534);
            ftp.expect("PROT P", 200);
            ftp.expect("TYPE I", 200);
            assertArrayEquals(content, TlsRequiredIT.retrieve(ftp, "secret.txt"));
        }
    }

    @Test
    void aPartnerLogsInOnlyWithItsOwnClientCertificate() throws Exception {
        assertTrue(logIn("mtls", PARTNER_CERTIFICATE).startsWith("230"));
        assertTrue(logIn("bysubject", PARTNER_CERTIFICATE).startsWith("230"));
        String stranger = logIn("mtls", OTHER_CERTIFICATE);
        assertTrue(stranger.startsWith("530") && stranger.contains("not the one registered"), stranger);
        String none = logIn("mtls", null);
        assertTrue(none.startsWith("530") && none.contains("none was presented"), none);
        try (RawFtp plain = new RawFtp(wharf.port())) {
            plain.expect("USER mtls", 331);
            plain.expect("PASS " + WharfServerExtension.PASSWORD, 530);
        }
    }

    private String logIn(String user, KeyMaterial clientCertificate) throws Exception {
        try (TlsFtp ftp = TlsFtp.connect(TlsFtp.presenting(clientCertificate), wharf.port())) {
            ftp.authTls();
            ftp.expect("USER " + user, 331);
            ftp.send("PASS " + WharfServerExtension.PASSWORD);
            return ftp.reply();
        }
    }

    private static KeyMaterial generate(String host) {
        try {
            return SelfSignedCertificate.generate(List.of(host), Duration.ofDays(1));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
