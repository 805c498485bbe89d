package io.wharf.server.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.config.SessionReuse;
import io.wharf.config.TlsRequirement;
import io.wharf.server.tls.ListenerTls;
import io.wharf.tls.KeyMaterial;
import io.wharf.tls.SelfSignedCertificate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A listener where TLS is offered, not required, data sessions need not be reused, and CCC is allowed: plain FTP
 * goes on working beside FTPS, a data connection with a TLS session of its own is accepted, CCC returns the control
 * connection to plain text, and a certificate replaced on disk is served to new sessions without a restart.
 */
@Timeout(60)
class TlsOptionalIT {

    @RegisterExtension
    final WharfServerExtension wharf = new WharfServerExtension().tls(false, TlsRequirement.NONE,
            SessionReuse.ALLOW).allowCcc();

    private byte[] content;

    @BeforeEach
    void file() throws IOException {
        content = new byte[300_001];
        new Random(959).nextBytes(content);
        Files.write(wharf.home().resolve("mixed.bin"), content);
    }

    @AfterEach
    void noLeaks() {
        wharf.assertNoLeaks();
    }

    @Test
    void plainFtpStillWorksOnATlsListener() throws IOException {
        FTPClient ftp = wharf.loggedInClient();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertTrue(ftp.retrieveFile("mixed.bin", out), ftp.getReplyString());
            assertArrayEquals(content, out.toByteArray());
        } finally {
            ftp.disconnect();
        }
    }

    @Test
    void aDataConnectionWithANewSessionIsAcceptedUnderAllow() throws Exception {
        SSLContext context = TlsFtp.trustingTestCertificate();
        try (TlsFtp ftp = TlsFtp.loggedInPrivate(context, wharf.port())) {
            ftp.expect("TYPE I", 200);
            int port = ftp.epsv();
            try (SSLSocket data = TlsFtp.dataFrom(TlsFtp.trustingTestCertificate(), port)) {
                ftp.expect("RETR mixed.bin", 150);
                byte[] received = data.getInputStream().readAllBytes();
                assertEquals(226, RawFtp.code(ftp.reply()));
                assertEquals(Digests.sha256(content), Digests.sha256(received));
            }
        }
    }

    @Test
    void cccReturnsTheControlConnectionToPlainTextAndDataStaysProtected() throws Exception {
        try (TlsFtp ftp = TlsFtp.loggedInPrivate(TlsFtp.trustingTestCertificate(), wharf.port())) {
            ftp.expect("CCC", 200);
            ftp.clearAfterCcc();
            ftp.expect("NOOP", 200);                 // read and answered in plain text
            ftp.expect("TYPE I", 200);
            assertArrayEquals(content, TlsRequiredIT.retrieve(ftp, "mixed.bin"));
            ftp.expect("AUTH TLS", 503);             // after login a session cannot go back to TLS
        }
    }

    @Test
    void aReplacedCertificateIsServedToNewSessionsAndABrokenOneIsIgnored() throws Exception {
        ListenerTls tls = wharf.server().listener().tls();
        KeyMaterial original = WharfServerExtension.certificate();
        try (TlsFtp before = TlsFtp.loggedInPrivate(trustingAnything(), wharf.port())) {
            assertEquals(original.certificate(), served(before));

            Files.writeString(wharf.certificateFile(), "-----BEGIN CERTIFICATE-----\nnot base64\n");
            assertFalse(tls.reloadIfChanged(), "a broken certificate file must not replace a working one");
            try (TlsFtp during = TlsFtp.loggedInPrivate(trustingAnything(), wharf.port())) {
                assertEquals(original.certificate(), served(during));
            }

            KeyMaterial renewed = SelfSignedCertificate.generate(List.of("127.0.0.1"), Duration.ofDays(3));
            SelfSignedCertificate.writePem(renewed, wharf.certificateFile(), wharf.keyFile());
            // The server's own watcher picks the new files up; no call into it from here.
            WharfServerExtension.await(() -> renewed.certificate().equals(tls.material().certificate()),
                    "the renewed certificate was not loaded");
            try (TlsFtp after = TlsFtp.loggedInPrivate(trustingAnything(), wharf.port())) {
                assertEquals(renewed.certificate(), served(after));
                assertNotEquals(original.certificate(), served(after));
            }
            before.expect("NOOP", 200);              // a session that started before keeps its TLS
        }
    }

    private static Certificate served(TlsFtp ftp) throws IOException {
        return ftp.tlsSocket().getSession().getPeerCertificates()[0];
    }

    /** Certificates change under this test, so its client checks what was served rather than trusting one. */
    private static SSLContext trustingAnything() throws Exception {
        X509TrustManager any = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                throw new UnsupportedOperationException("client side only");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // accepted: the test compares the served certificate itself
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {any}, null);
        return context;
    }
}
