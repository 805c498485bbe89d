package io.wharf.server.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.server.it.WharfServerExtension;
import io.wharf.tls.KeyMaterial;
import io.wharf.tls.SelfSignedCertificate;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe against a real vsftpd (Debian package {@code vsftpd}; {@code .ci/run} installs it), started in the
 * foreground on 127.0.0.1 with anonymous read-only access, explicit TLS offered and its default
 * {@code require_ssl_reuse=YES}. Fails, not skips, when vsftpd is missing: the probe's claims about other servers
 * rest on this test.
 */
@Timeout(60)
class ProbeVsftpdIT {

    private static final Path VSFTPD = Path.of("/usr/sbin/vsftpd");
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final List<DataMode> ALL = List.of(DataMode.values());

    @TempDir
    Path dir;

    private Process vsftpd;
    private int port;
    private KeyMaterial certificate;

    @BeforeEach
    void start() throws IOException, GeneralSecurityException {
        assertTrue(Files.isExecutable(VSFTPD), VSFTPD + " is missing: install the Debian package vsftpd");
        port = freePort();
        int firstPassive = 45_000 + ThreadLocalRandom.current().nextInt(300) * 16;
        Path root = Files.createDirectories(dir.resolve("anon"));
        Files.writeString(root.resolve("hello.txt"), "hello\n");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        // vsftpd lists the anonymous root as user ftp after chroot, and refuses a root that user could write to.
        for (Path path : List.of(dir, root, empty)) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        certificate = SelfSignedCertificate.generate(List.of("127.0.0.1"), Duration.ofDays(2));
        SelfSignedCertificate.writePem(certificate, dir.resolve("cert.pem"), dir.resolve("key.pem"));
        Path config = dir.resolve("vsftpd.conf");
        Files.writeString(config, String.join("\n",
                "listen=YES", "listen_ipv6=NO", "listen_address=127.0.0.1", "listen_port=" + port,
                "background=NO", "anonymous_enable=YES", "no_anon_password=YES", "anon_root=" + root,
                "local_enable=NO", "write_enable=NO", "pasv_enable=YES",
                "pasv_min_port=" + firstPassive, "pasv_max_port=" + (firstPassive + 15),
                "port_enable=YES", "connect_from_port_20=NO", "seccomp_sandbox=NO",
                "secure_chroot_dir=" + empty, "vsftpd_log_file=" + dir.resolve("vsftpd.log"),
                "xferlog_file=" + dir.resolve("xferlog"),
                "ssl_enable=YES", "allow_anon_ssl=YES", "force_anon_logins_ssl=NO", "force_anon_data_ssl=NO",
                "require_ssl_reuse=YES",
                "rsa_cert_file=" + dir.resolve("cert.pem"), "rsa_private_key_file=" + dir.resolve("key.pem"),
                "") , StandardCharsets.US_ASCII);
        vsftpd = new ProcessBuilder(VSFTPD.toString(), config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("vsftpd.out").toFile())
                .start();
        awaitListening();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitListening() throws IOException {
        WharfServerExtension.await(() -> !vsftpd.isAlive() || accepts(), "vsftpd never listened on " + port);
        assertTrue(vsftpd.isAlive(), "vsftpd exited: " + Files.readString(dir.resolve("vsftpd.out")));
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (vsftpd != null) {
            // vsftpd forks one process per session; end those first, each by its own PID, then the listener.
            vsftpd.descendants().forEach(ProcessHandle::destroy);
            vsftpd.destroy();
            if (!vsftpd.waitFor(10, TimeUnit.SECONDS)) {
                vsftpd.destroyForcibly().waitFor();
            }
        }
    }

    private ProbeReport probe(boolean noResume) {
        ProbeTarget target = ProbeTarget.parse("ftp://127.0.0.1:" + port + "/", false);
        return Probe.run(target, new ProbeOptions(TIMEOUT, noResume, null, List.of(certificate.certificate())));
    }

    @Test
    void everyModeWorksPlainAndOverTlsWithResumption() throws IOException {
        ProbeReport report = probe(false);
        assertNull(report.fatal(), report.fatal());
        assertTrue(report.greeting().text().contains("vsFTPd"), report.greeting().text());
        assertEquals(8, report.rows().size(), "vsftpd offers AUTH TLS: " + report.rows());
        for (ModeResult row : report.rows()) {
            assertEquals(Outcome.WORKS, row.outcome(), row.toString());
        }
        assertTrue(report.tls().trusted(), report.tls().toString());
        assertEquals(certificate.sha256Fingerprint(), report.tls().sha256());
        assertEquals(0, report.exitCode());
    }

    @Test
    void aClientThatDoesNotResumeIsRefusedByRequireSslReuse() {
        ProbeReport report = probe(true);
        for (DataMode mode : ALL) {
            assertEquals(Outcome.WORKS, report.row(mode, false).outcome(), report.row(mode, false).toString());
            ModeResult tls = report.row(mode, true);
            assertEquals(Outcome.FAILED, tls.outcome(), tls.toString());
            assertEquals(List.of(Diagnosis.TLS_SESSION_REUSE_REQUIRED), tls.diagnoses());
            assertTrue(tls.findings().get(0).cause().contains("522 SSL connection failed: session reuse required"),
                    tls.findings().get(0).cause());
        }
    }
}
