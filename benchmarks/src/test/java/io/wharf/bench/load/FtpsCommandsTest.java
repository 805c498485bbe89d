package io.wharf.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code wharf-bench} over FTPS against a real in-process Wharf that requires TLS on control and data connections
 * and data connections that resume the control connection's session ({@code enforce}): a data connection in plain
 * text, or one that made a full handshake, fails its transfer. Smoke tests; nothing here is timed.
 */
@Timeout(30)
class FtpsCommandsTest {

    private static final long MIB = 1L << 20;

    @RegisterExtension
    final WharfFixture wharf = new WharfFixture().withTls();

    @Test
    void downloadsOverExplicitFtps() throws Exception {
        Path json = wharf.scratch().resolve("download.json");
        WharfFixture.Run run = WharfFixture.bench("download", wharf.ftpsUrl(), "--file", "big.bin", "--create", "4m",
                "--sessions", "2", "--json", json.toString());
        assertEquals(0, run.code(), run::toString);
        assertEquals(4 * MIB, Files.size(wharf.home().resolve("big.bin")), "--create's STOR over TLS");
        String result = Files.readString(json);
        assertEquals(0, run.number(result, "failures"), result);
        assertTrue(result.contains("\"bytes\": " + 2 * 4 * MIB + ","), "both sessions' bytes: " + result);
        assertTrue(result.contains("\"mode\": \"explicit\""), result);
        assertTrue(result.contains("\"protocol\": \"TLSv1.2\""), result);
        assertTrue(result.contains("\"serverCertificateSha256\": \"" + WharfFixture.certificateSha256() + "\""),
                result);
        String header = run.out().lines().findFirst().orElseThrow();
        assertTrue(header.startsWith("wharf-bench download  ftps://bench@127.0.0.1:"), header);
        assertTrue(header.contains("explicit FTPS, TLSv1.2 "), header);
        assertTrue(header.contains("server certificate SHA-256 " + WharfFixture.certificateSha256()), header);
    }

    @Test
    void uploadsOverImplicitFtps() throws Exception {
        Path json = wharf.scratch().resolve("upload.json");
        WharfFixture.Run run = WharfFixture.bench("upload", wharf.implicitUrl(), "--implicit", "--sessions", "2",
                "--size", "8m", "--keep", "--json", json.toString());
        assertEquals(0, run.code(), run::toString);
        for (int i = 0; i < 2; i++) {
            Path file = wharf.home().resolve("wharf-bench-upload-" + i + ".bin");
            assertEquals(8 * MIB, Files.size(file), file::toString);
        }
        String result = Files.readString(json);
        assertEquals(0, run.number(result, "failures"), result);
        assertEquals(2 * 8 * MIB, run.number(result, "bytes"), result);
        assertTrue(result.contains("\"mode\": \"implicit\""), result);
        assertTrue(run.out().lines().findFirst().orElseThrow().contains("implicit FTPS, TLSv1.2 "), run::toString);
    }

    /** Each session makes many data connections; under enforce every one of them must resume, which TLS 1.2 does. */
    @Test
    void smallFilesResumeTheControlSessionOnEveryDataConnection() throws Exception {
        Path json = wharf.scratch().resolve("small.json");
        WharfFixture.Run run = WharfFixture.bench("small-files", wharf.ftpsUrl(), "--tls", "1.2", "--sessions", "2",
                "--duration", "1s", "--json", json.toString());
        assertEquals(0, run.code(), run::toString);
        String result = Files.readString(json);
        assertEquals(0, run.number(result, "total"), result);          // failures
        assertEquals(0, run.number(result, "workersLost"), result);
        assertTrue(run.number(result, "files") >= 20, "many transfers per session: " + result);
        assertTrue(result.contains("\"protocol\": \"TLSv1.2\""), result);
    }

    @Test
    void smallFilesStoreOverImplicitFtps() throws Exception {
        Path json = wharf.scratch().resolve("small-up.json");
        WharfFixture.Run run = WharfFixture.bench("small-files", wharf.implicitUrl(), "--implicit", "--direction",
                "up", "--sessions", "2", "--size", "10k", "--duration", "1s", "--keep", "--json", json.toString());
        assertEquals(0, run.code(), run::toString);
        String result = Files.readString(json);
        assertTrue(run.number(result, "files") > 2, result);
        assertEquals(0, run.number(result, "total"), result);
        for (int i = 0; i < 2; i++) {
            Path file = wharf.home().resolve("wharf-bench-small-" + i + ".bin");
            assertEquals(10 * 1024, Files.size(file), file::toString);
        }
    }

    @Test
    void logsInOverFtps() throws Exception {
        Path json = wharf.scratch().resolve("logins.json");
        WharfFixture.Run run = WharfFixture.bench("logins", wharf.ftpsUrl(), "--workers", "2", "--duration", "1s",
                "--json", json.toString());
        assertEquals(0, run.code(), run::toString);
        String result = Files.readString(json);
        assertTrue(run.number(result, "sessions") > 0, result);
        assertEquals(0, run.number(result, "total"), result);
        assertTrue(run.out().contains("explicit FTPS"), run::toString);
    }

    /** One data connection per login: its single resumption works with TLS 1.3 too. */
    @Test
    void downloadsOverTls13() throws Exception {
        Path json = wharf.scratch().resolve("download13.json");
        WharfFixture.Run run = WharfFixture.bench("download", wharf.implicitUrl(), "--implicit", "--tls", "1.3",
                "--file", "small.bin", "--create", "1m", "--json", json.toString());
        assertEquals(0, run.code(), run::toString);
        String result = Files.readString(json);
        assertTrue(result.contains("\"bytes\": " + MIB + ","), result);
        assertTrue(result.contains("\"protocol\": \"TLSv1.3\""), result);
    }

    @Test
    void holdsIdleSessionsOverExplicitFtps() throws Exception {
        Path json = wharf.scratch().resolve("idle.json");
        WharfFixture.Run run = WharfFixture.bench("idle", wharf.ftpsUrl(), "--sessions", "20", "--loops", "2",
                "--hold", "1s", "--noop-interval", "200ms", "--json", json.toString());
        assertEquals(0, run.code(), run::toString);
        String result = Files.readString(json);
        assertEquals(20, run.number(result, "sessionsHeld"), result);
        assertTrue(run.number(result, "count") >= 20, "logins and NOOPs measured: " + result);
        assertTrue(result.contains("\"mode\": \"explicit\""), result);
        assertTrue(run.out().contains("server certificate SHA-256 " + WharfFixture.certificateSha256()),
                run::toString);
    }

    @Test
    void holdsIdleSessionsOverImplicitFtps() throws Exception {
        Path json = wharf.scratch().resolve("idle-implicit.json");
        WharfFixture.Run run = WharfFixture.bench("idle", wharf.implicitUrl(), "--implicit", "--tls", "1.3",
                "--sessions", "10", "--loops", "1", "--hold", "1s", "--noop-interval", "200ms",
                "--json", json.toString());
        assertEquals(0, run.code(), run::toString);
        String result = Files.readString(json);
        assertEquals(10, run.number(result, "sessionsHeld"), result);
        assertTrue(result.contains("\"protocol\": \"TLSv1.3\""), result);
    }

    @Test
    void mixedEncryptsItsTlsShare() throws Exception {
        Path json = wharf.scratch().resolve("mixed.json");
        WharfFixture.Run run = WharfFixture.bench("mixed", wharf.url(), "--tls-share", "50", "--sessions", "4",
                "--duration", "2s", "--large-size", "256k", "--list-entries", "10", "--json", json.toString());
        assertEquals(0, run.code(), run::toString);
        Map<String, Object> result = TestJson.parseObject(Files.readString(json));
        assertEquals(0, TestJson.number(result, "failures", "total"), run::toString);
        assertEquals(2, TestJson.number(result, "tlsSessions"), run::toString);
        assertEquals("TLSv1.2", TestJson.get(result, "tlsShare", "protocol"), "the share made its handshakes");
        assertEquals(null, TestJson.get(result, "tls"), "the rest stayed plain");
        assertTrue(TestJson.number(result, "ops") > 0, run::toString);
    }

    @Test
    void mixedRunsEverySessionOverFtpsWithAnFtpsUrl() throws Exception {
        Path json = wharf.scratch().resolve("mixed-ftps.json");
        WharfFixture.Run run = WharfFixture.bench("mixed", wharf.ftpsUrl(), "--sessions", "2", "--duration", "1s",
                "--large-size", "256k", "--list-entries", "10", "--json", json.toString());
        assertEquals(0, run.code(), run::toString);
        Map<String, Object> result = TestJson.parseObject(Files.readString(json));
        assertEquals(0, TestJson.number(result, "failures", "total"), run::toString);
        assertEquals(2, TestJson.number(result, "tlsSessions"), run::toString);

        WharfFixture.Run both = WharfFixture.bench("mixed", wharf.ftpsUrl(), "--tls-share", "10");
        assertEquals(2, both.code(), both::toString);
        assertTrue(both.err().contains("--tls-share takes 0 to 100, and only with an ftp:// URL"), both::toString);
    }

    @Test
    void implicitWithPlainUrlIsAUsageError() {
        WharfFixture.Run run = WharfFixture.bench("logins", wharf.url(), "--implicit", "--duration", "1s");
        assertEquals(2, run.code(), run::toString);
        assertTrue(run.err().contains("--implicit needs an ftps:// URL"), run::toString);
    }

    @Test
    void unknownTlsVersionIsAUsageError() {
        WharfFixture.Run run = WharfFixture.bench("small-files", wharf.ftpsUrl(), "--tls", "1.1");
        assertEquals(2, run.code(), run::toString);
        assertTrue(run.err().contains("--tls must be 1.2 or 1.3"), run::toString);
    }
}
