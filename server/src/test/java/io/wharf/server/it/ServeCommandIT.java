package io.wharf.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.server.cli.Main;
import io.wharf.tls.KeyMaterial;
import io.wharf.tls.SelfSignedCertificate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code wharf} command line: help, version, config errors, and the embedded default as a real process. */
@Timeout(120)
class ServeCommandIT {

    private static final Pattern LISTENING = Pattern.compile("listening on ftp://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern PASSWORD = Pattern.compile("Created user 'demo' with password: (\\S+)");

    @Test
    void helpAndVersionComeFromPicocli() {
        Captured help = run("--help");
        assertEquals(0, help.exitCode);
        assertTrue(help.out.contains("Usage: wharf") && help.out.contains("serve"), help.out);
        Captured serveHelp = run("serve", "--help");
        assertEquals(0, serveHelp.exitCode);
        assertTrue(serveHelp.out.contains("--config") && serveHelp.out.contains("--data-dir"), serveHelp.out);
        Captured version = run("--version");
        assertEquals(0, version.exitCode);
        assertTrue(version.out.startsWith("Wharf "), version.out);
        Captured wrong = run("serve", "--no-such-option");
        assertEquals(2, wrong.exitCode);
        assertTrue(wrong.err.contains("Unknown option"), wrong.err);
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
    void embeddedDefaultServesStopsCleanlyOnSigtermAndReusesItsUser(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("wharf-data");
        Started first = start(dir, data);
        Matcher password = PASSWORD.matcher(first.banner);
        assertTrue(password.find(), first.banner);
        String secret = password.group(1);
        assertFalse(Files.readString(data.resolve("users.yaml")).contains(secret), "password stored in clear");
        assertTrue(first.banner.contains("curl --user demo:" + secret), first.banner);
        assertTrue(Files.isDirectory(data.resolve("files")));

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
        FTPClient again = new FTPClient();
        again.connect("127.0.0.1", second.port);
        assertTrue(again.login("demo", secret), "the first start's password must still work");
        again.logout();
        again.disconnect();
        second.process.toHandle().destroy();
        assertTrue(second.process.waitFor(30, TimeUnit.SECONDS));
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

    /** A server process, its port, and what it printed up to "Press Ctrl-C". */
    private static final class Started {
        final Process process;
        final BufferedReader output;
        final String banner;
        final int port;

        Started(Process process, BufferedReader output, String banner, int port) {
            this.process = process;
            this.output = output;
            this.banner = banner;
            this.port = port;
        }

        String rest() throws IOException {
            StringBuilder all = new StringBuilder();
            for (String line; (line = output.readLine()) != null; ) {
                all.append(line).append('\n');
            }
            return all.toString();
        }
    }

    private static Started start(Path dir, Path data) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "serve", "--data-dir", data.toString(), "--port", "0"));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder banner = new StringBuilder();
        for (String line; (line = output.readLine()) != null; ) {
            banner.append(line).append('\n');
            if (line.startsWith("Press Ctrl-C")) {
                break;
            }
        }
        Matcher listening = LISTENING.matcher(banner);
        assertTrue(listening.find(), "no listening line in:\n" + banner);
        assertNotNull(process);
        return new Started(process, output, banner.toString(), Integer.parseInt(listening.group(1)));
    }
}
