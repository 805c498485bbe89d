package io.wharf.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.server.cli.Main;
import io.wharf.tls.KeyMaterial;
import io.wharf.tls.SelfSignedCertificate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPSClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The {@code wharf} command line: help, version, config errors, and the embedded default (FTP with AUTH TLS, implicit
 * FTPS, its self-signed certificate) as a real process.
 */
@Timeout(120)
class ServeCommandIT {

    private static final Pattern LISTENING = Pattern.compile("listening on ftp://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern LISTENING_FTPS = Pattern.compile("listening on ftps://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern FINGERPRINT =
            Pattern.compile("TLS certificate SHA-256 ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})");
    private static final Pattern PASSWORD = Pattern.compile("Created user 'demo' with password: (\\S+)");

    private final List<Process> servers = new ArrayList<>();

    @Test
    void helpAndVersionComeFromPicocli() {
        Captured help = run("--help");
        assertEquals(0, help.exitCode);
        assertTrue(help.out.contains("Usage: wharf") && help.out.contains("serve"), help.out);
        Captured serveHelp = run("serve", "--help");
        assertEquals(0, serveHelp.exitCode);
        assertTrue(serveHelp.out.contains("--config") && serveHelp.out.contains("--data-dir")
                && serveHelp.out.contains("--ftps-port"), serveHelp.out);
        Captured version = run("--version");
        assertEquals(0, version.exitCode);
        assertTrue(version.out.startsWith("Wharf "), version.out);
        Captured wrong = run("serve", "--no-such-option");
        assertEquals(2, wrong.exitCode);
        assertTrue(wrong.err.contains("Unknown option"), wrong.err);
        Captured samePorts = run("serve", "--port", "2999", "--ftps-port", "2999");
        assertEquals(2, samePorts.exitCode);
        assertTrue(samePorts.err.contains("--port and --ftps-port are both 2999"), samePorts.err);
        Captured badPort = run("serve", "--ftps-port", "70000");
        assertEquals(2, badPort.exitCode);
        assertTrue(badPort.err.contains("port 70000 is out of range 0-65535"), badPort.err);
    }

    @Test
    void badConfigStopsTheStartWithFileLineAndKey(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("wharf.yaml"), "limits:\n  max-sessions: 10\nlisteners:\n"
                + "  - name: ftp\n    port: 70000\n");
        Captured result = run("serve", "--config", config.toString());
        assertEquals(3, result.exitCode);
        assertEquals("wharf: configuration error: " + config + ":5: listeners[0].port: 70000 is out of range 0-65535",
                result.err.trim());
        Captured missing = run("serve", "--config", dir.resolve("absent.yaml").toString());
        assertEquals(3, missing.exitCode);
        assertEquals("wharf: configuration error: " + dir.resolve("absent.yaml") + ": file not found",
                missing.err.trim());
    }

    @Test
    void anExpiredOrMismatchedCertificateStopsTheStartNamingTheFile(@TempDir Path dir) throws Exception {
        Instant now = Instant.now();
        KeyMaterial expired = SelfSignedCertificate.generate(List.of("localhost"), now.minus(Duration.ofDays(10)),
                now.minus(Duration.ofDays(1)));
        SelfSignedCertificate.writePem(expired, dir.resolve("expired.crt"), dir.resolve("expired.key"));
        KeyMaterial valid = SelfSignedCertificate.generate(List.of("localhost"), Duration.ofDays(1));
        SelfSignedCertificate.writePem(valid, dir.resolve("valid.crt"), dir.resolve("valid.key"));

        Captured old = run("serve", "--config", tlsConfig(dir, "expired.crt", "expired.key").toString());
        assertEquals(1, old.exitCode);
        assertTrue(old.err.contains("listener secure: tls: " + dir.resolve("expired.crt")
                + ": certificate expired on "), old.err);

        Captured mismatched = run("serve", "--config", tlsConfig(dir, "valid.crt", "expired.key").toString());
        assertEquals(1, mismatched.exitCode);
        assertTrue(mismatched.err.contains("listener secure: tls: " + dir.resolve("expired.key")
                + ": certificate and private key do not match"), mismatched.err);
    }

    private static Path tlsConfig(Path dir, String certificate, String key) throws IOException {
        return Files.writeString(dir.resolve("wharf.yaml"), "listeners:\n  - name: secure\n    port: 0\n"
                + "    tls:\n      certificate: " + certificate + "\n      private-key: " + key + "\n");
    }

    @Test
    void embeddedDefaultServesStopsCleanlyOnSigtermAndReusesItsUserAndCertificate(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("wharf-data");
        Started first = start(dir, data);
        Matcher password = PASSWORD.matcher(first.banner);
        assertTrue(password.find(), first.banner);
        String secret = password.group(1);
        assertFalse(Files.readString(data.resolve("users.yaml")).contains(secret), "password stored in clear");
        assertTrue(first.banner.contains("curl --user demo:" + secret), first.banner);
        assertTrue(Files.isDirectory(data.resolve("files")));

        Path certificate = data.resolve("tls/server.crt");
        assertTrue(first.banner.contains("Generated a self-signed certificate for localhost, 127.0.0.1, ::1: "
                + certificate), first.banner);
        assertEquals(sha256Fingerprint(certificate), first.fingerprint, "the banner must show the file's fingerprint");
        Path key = data.resolve("tls/server.key");
        if (Files.getFileStore(key).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        }
        assertTrue(first.banner.contains("curl -k --user demo:" + secret + " ftps://127.0.0.1:" + first.ftpsPort
                + "/"), first.banner);
        // Trusting exactly the file's certificate, with host name checks on: the served certificate is that file,
        // and its SAN 127.0.0.1 is what makes the printed --cacert line work.
        loginOverTls(true, first.ftpsPort, certificate, secret);
        loginOverTls(false, first.port, certificate, secret);

        FTPClient ftp = new FTPClient();
        ftp.connect("127.0.0.1", first.port);
        assertTrue(ftp.login("demo", secret), ftp.getReplyString());
        first.process.toHandle().destroy();        // SIGTERM, keeping our end of its output pipe open
        assertTrue(first.process.waitFor(30, TimeUnit.SECONDS));
        // Commons Net reports a 421 by throwing; its message carries the code the session was told.
        var closed = org.junit.jupiter.api.Assertions.assertThrows(
                org.apache.commons.net.ftp.FTPConnectionClosedException.class, ftp::noop);
        assertTrue(closed.getMessage().contains("421"), closed.getMessage());
        ftp.disconnect();
        String firstOutput = first.rest();
        assertTrue(firstOutput.contains("Wharf stopped."), firstOutput);
        assertFalse(firstOutput.contains("Exception"), firstOutput);

        Started second = start(dir, data);
        assertFalse(second.banner.contains("Created user"), second.banner);
        assertTrue(second.banner.contains("User 'demo' from"), second.banner);
        assertFalse(second.banner.contains("self-signed certificate for"), second.banner);
        assertEquals(first.fingerprint, second.fingerprint, "the second start must reuse the certificate");
        FTPClient again = new FTPClient();
        again.connect("127.0.0.1", second.port);
        assertTrue(again.login("demo", secret), "the first start's password must still work");
        again.logout();
        again.disconnect();
        loginOverTls(true, second.ftpsPort, certificate, secret);
        second.process.toHandle().destroy();
        assertTrue(second.process.waitFor(30, TimeUnit.SECONDS));
    }

    @Test
    void embeddedDefaultReplacesAnExpiredCertificateAndSaysWhy(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("wharf-data");
        Path certificate = data.resolve("tls/server.crt");
        Instant now = Instant.now();
        KeyMaterial expired = SelfSignedCertificate.generate(List.of("localhost"), now.minus(Duration.ofDays(10)),
                now.minus(Duration.ofDays(1)));
        SelfSignedCertificate.writePem(expired, certificate, data.resolve("tls/server.key"));

        Started started = start(dir, data);
        assertTrue(started.banner.contains("Replaced the certificate, which could not be used: " + certificate
                + ": certificate expired on "), started.banner);
        assertNotEquals(expired.sha256Fingerprint(), started.fingerprint);
        assertEquals(sha256Fingerprint(certificate), started.fingerprint);
        Matcher password = PASSWORD.matcher(started.banner);
        assertTrue(password.find(), started.banner);
        loginOverTls(true, started.ftpsPort, certificate, password.group(1));
        started.process.toHandle().destroy();
        assertTrue(started.process.waitFor(30, TimeUnit.SECONDS));
    }

    /** Logs in over implicit FTPS or AUTH TLS, trusting only {@code certificate} and checking the host name. */
    private static void loginOverTls(boolean implicit, int port, Path certificate, String password) throws Exception {
        FTPSClient ftps = new FTPSClient(implicit, trusting(certificate));
        ftps.setEndpointCheckingEnabled(true);
        ftps.connect("127.0.0.1", port);
        try {
            assertTrue(ftps.login("demo", password), ftps.getReplyString());
            ftps.execPBSZ(0);
            ftps.execPROT("P");            // throws unless 200
            assertEquals(257, ftps.pwd(), ftps.getReplyString());
            ftps.logout();
        } finally {
            ftps.disconnect();
        }
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("wharf", readCertificate(certificate));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** SHA-256 of the certificate's DER encoding, read from the PEM file without Wharf's own code. */
    private static String sha256Fingerprint(Path certificate) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(readCertificate(certificate).getEncoded());
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }

    private static Certificate readCertificate(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private record Captured(int exitCode, String out, String err) {
    }

    private static Captured run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Captured(code, out.toString(), err.toString());
    }

    /** A server process, its ports and certificate, and what it printed up to "Press Ctrl-C". */
    private static final class Started {
        final Process process;
        final BufferedReader output;
        final String banner;
        final int port;
        final int ftpsPort;
        final String fingerprint;

        Started(Process process, BufferedReader output, String banner) {
            this.process = process;
            this.output = output;
            this.banner = banner;
            this.port = Integer.parseInt(find(LISTENING, banner));
            this.ftpsPort = Integer.parseInt(find(LISTENING_FTPS, banner));
            this.fingerprint = find(FINGERPRINT, banner);
        }

        private static String find(Pattern pattern, String banner) {
            Matcher matcher = pattern.matcher(banner);
            assertTrue(matcher.find(), "no " + pattern + " in:\n" + banner);
            return matcher.group(1);
        }

        String rest() throws IOException {
            StringBuilder all = new StringBuilder();
            for (String line; (line = output.readLine()) != null; ) {
                all.append(line).append('\n');
            }
            return all.toString();
        }
    }

    /** Kills what a failed test left running, so a failure does not leave servers behind holding ports. */
    @AfterEach
    void stopLeftoverServers() throws InterruptedException {
        for (Process process : servers) {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private Started start(Path dir, Path data) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "serve", "--data-dir", data.toString(), "--port", "0", "--ftps-port", "0"));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        servers.add(process);
        BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder banner = new StringBuilder();
        for (String line; (line = output.readLine()) != null; ) {
            banner.append(line).append('\n');
            if (line.startsWith("Press Ctrl-C")) {
                break;
            }
        }
        return new Started(process, output, banner.toString());
    }
}
