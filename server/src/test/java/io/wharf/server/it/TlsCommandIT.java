package io.wharf.server.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.server.cli.Main;
import io.wharf.tls.KeyMaterial;
import io.wharf.tls.ServerCertificates;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code wharf tls selfsigned}: what it writes, what it prints, and what it refuses. */
@Timeout(60)
class TlsCommandIT {

    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    @Test
    void writesALoadableCertificateForEveryHostAndAPrivateKey(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("out/server.crt");
        Path key = dir.resolve("out/server.key");
        Captured result = run("tls", "selfsigned", "--host", "ftp.example.com", "--host", "192.0.2.10",
                "--host", "[2001:db8::1],localhost", "--days", "30", "--cert", cert.toString(),
                "--key", key.toString());
        assertEquals(0, result.exitCode, result.err);

        KeyMaterial material = ServerCertificates.loadPem(cert, key);    // the key matches, the leaf is valid now
        assertEquals(List.of("DNS:ftp.example.com", "IP:" + InetAddress.getByName("192.0.2.10").getHostAddress(),
                "IP:" + InetAddress.getByName("2001:db8::1").getHostAddress(), "DNS:localhost"),
                alternativeNames(material));
        Instant notAfter = material.certificate().getNotAfter().toInstant();
        Instant expected = Instant.now().plus(Duration.ofDays(30));
        assertTrue(Duration.between(notAfter, expected).abs().compareTo(Duration.ofMinutes(5)) < 0,
                notAfter.toString());
        if (Files.getFileStore(key).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        }
        assertTrue(result.out.contains("SHA-256 fingerprint: " + material.sha256Fingerprint()), result.out);
        assertTrue(result.out.contains("Valid until: " + notAfter), result.out);
        assertTrue(result.out.contains("Subject alternative names: DNS:ftp.example.com, IP:192.0.2.10"), result.out);
        assertTrue(result.out.contains("    tls:\n      certificate: " + cert.toAbsolutePath() + "\n"
                + "      private-key: " + key.toAbsolutePath() + "\n"), result.out);
    }

    @Test
    void refusesToReplaceEitherFileWithoutForce(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("server.crt");
        Path key = dir.resolve("server.key");
        assertEquals(0, run("tls", "selfsigned", "--host", "localhost", "--cert", cert.toString(), "--key",
                key.toString()).exitCode);
        byte[] certBefore = Files.readAllBytes(cert);
        byte[] keyBefore = Files.readAllBytes(key);

        Captured refused = run("tls", "selfsigned", "--host", "localhost", "--cert", cert.toString(), "--key",
                key.toString());
        assertEquals(1, refused.exitCode);
        assertEquals("wharf: " + cert + " already exists; nothing written. Pass --force to replace it (clients that "
                + "trust the current certificate will then need the new one).", refused.err.trim());
        assertArrayEquals(certBefore, Files.readAllBytes(cert));
        assertArrayEquals(keyBefore, Files.readAllBytes(key));

        Files.delete(cert);      // a key alone is still somebody's key
        Captured keyOnly = run("tls", "selfsigned", "--host", "localhost", "--cert", cert.toString(), "--key",
                key.toString());
        assertEquals(1, keyOnly.exitCode);
        assertTrue(keyOnly.err.contains(key + " already exists"), keyOnly.err);
        assertFalse(Files.exists(cert));
        assertArrayEquals(keyBefore, Files.readAllBytes(key));

        Captured forced = run("tls", "selfsigned", "--host", "localhost", "--cert", cert.toString(), "--key",
                key.toString(), "--force");
        assertEquals(0, forced.exitCode, forced.err);
        assertFalse(Arrays.equals(keyBefore, Files.readAllBytes(key)), "--force must write a new key");
        ServerCertificates.loadPem(cert, key);
    }

    @Test
    void badCommandLinesAreUsageErrorsAndWriteNothing(@TempDir Path dir) {
        String cert = dir.resolve("c.crt").toString();
        String key = dir.resolve("c.key").toString();
        Captured noHost = run("tls", "selfsigned", "--cert", cert, "--key", key);
        assertEquals(2, noHost.exitCode);
        assertTrue(noHost.err.contains("Missing required option: '--host=NAME'"), noHost.err);

        Captured badHost = run("tls", "selfsigned", "--host", "ftp.example.com", "--host", "10.0.0.256",
                "--cert", cert, "--key", key);
        assertEquals(2, badHost.exitCode);
        assertTrue(badHost.err.contains("--host: \"10.0.0.256\" is not a valid IPv4 address"), badHost.err);

        Captured days = run("tls", "selfsigned", "--host", "localhost", "--days", "0", "--cert", cert, "--key", key);
        assertEquals(2, days.exitCode);
        assertTrue(days.err.contains("--days must be between 1 and 36500, not 0"), days.err);

        Captured same = run("tls", "selfsigned", "--host", "localhost", "--cert", cert, "--key", cert);
        assertEquals(2, same.exitCode);
        assertTrue(same.err.contains("--cert and --key must be different files"), same.err);

        Captured bare = run("tls");
        assertEquals(2, bare.exitCode);
        assertTrue(bare.err.contains("Missing required subcommand"), bare.err);
        assertFalse(Files.exists(Path.of(cert)) || Files.exists(Path.of(key)));
    }

    @Test
    void writesToTlsUnderTheWorkingDirectoryByDefault(@TempDir Path dir) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "tls", "selfsigned",
                "--host", "localhost").directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        KeyMaterial material = ServerCertificates.loadPem(dir.resolve("tls/server.crt"), dir.resolve("tls/server.key"));
        assertTrue(output.contains(material.sha256Fingerprint()), output);
        Instant notAfter = material.certificate().getNotAfter().toInstant();
        assertTrue(output.contains("(365 days)"), output);
        assertTrue(notAfter.isAfter(Instant.now().plus(Duration.ofDays(364))), notAfter.toString());
    }

    private static List<String> alternativeNames(KeyMaterial material) throws Exception {
        List<String> names = new ArrayList<>();
        Collection<List<?>> entries = material.certificate().getSubjectAlternativeNames();
        for (List<?> entry : entries) {
            int type = (Integer) entry.get(0);
            String value = (String) entry.get(1);
            if (type == SAN_IP) {
                names.add("IP:" + InetAddress.getByName(value).getHostAddress());   // a literal: no lookup
            } else if (type == SAN_DNS) {
                names.add("DNS:" + value);
            }
        }
        return names;
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
}
