package io.wharf.server.interop;

import static io.wharf.server.interop.Interop.SIZE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.config.SessionReuse;
import io.wharf.config.TlsRequirement;
import io.wharf.server.it.Digests;
import io.wharf.server.it.ExternalProcess;
import io.wharf.server.it.WharfServerExtension;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python's stdlib {@code ftplib.FTP_TLS} with {@code prot_p()}, run as a process
 * ({@code interop/ftps_ftplib_client.py}), against a listener that requires TLS on both connections and enforces TLS
 * session reuse, the default. The certificate and host name are verified against the test certificate.
 *
 * <p>Stock ftplib never resumes the control connection's TLS session on a data connection, so the server must refuse
 * every listing and transfer with {@code 522 TLS session reuse required} and move no byte: nothing downloaded, nothing
 * stored. The same ftplib passing the control session to each data connection ({@code session=}, the usual fix for
 * vsftpd's {@code require_ssl_reuse}) is accepted: OpenSSL's TLS 1.3 resumption passes the server's check, and every
 * transfer is checked by SHA-256. Under {@code allow}, stock ftplib works: {@link FtpsPythonAllowIT}.
 */
@Timeout(60)
class FtpsPythonEnforceIT {

    static final Pattern COMMAND = Pattern.compile("\\*cmd\\* '(.+)'");
    /** Size of a whole upload from ftplib: not a multiple of the server's read buffer, unlike {@link Interop#SIZE}. */
    static final long UPLOAD_SIZE = 3_000_000;
    private static final String REFUSED = "refused: 522 TLS session reuse required";

    @RegisterExtension
    final WharfServerExtension wharf = new WharfServerExtension().passivePorts(16)
            .tls(false, TlsRequirement.BOTH, SessionReuse.ENFORCE);

    @TempDir
    Path tmp;

    @Test
    void stockFtplibIsRefusedBecauseItDoesNotResumeTheControlSession() throws Exception {
        Path original = Digests.randomFile(tmp.resolve("original.bin"), SIZE, 101);
        Files.copy(original, wharf.home().resolve("served.bin"));

        String output = ftplib(wharf, tmp, "fresh", "refused nlst / names.txt", "refused list / long.txt",
                "refused get served.bin copy.bin", "refused put original.bin injected.bin");
        assertEquals(4, count(output, REFUSED), "every data connection must be refused with 522\n" + output);
        assertFalse(output.contains("resumed=True"), output);
        assertTrue(Files.notExists(tmp.resolve("names.txt")) && Files.notExists(tmp.resolve("long.txt")), output);
        assertEquals(0, Files.size(tmp.resolve("copy.bin")), "no byte of a refused download may arrive");
        assertTrue(Files.notExists(wharf.home().resolve("injected.bin")), "a refused upload must store nothing");
        Interop.assertNoHiddenUploads(wharf.home());
        wharf.assertNoLeaks();
    }

    @Test
    void ftplibResumingTheControlSessionIsAccepted() throws Exception {
        Path original = Digests.randomFile(tmp.resolve("original.bin"), UPLOAD_SIZE, 102);

        String output = ftplib(wharf, tmp, "resume", "mkd inbound", "put original.bin inbound/data.bin",
                "nlst inbound names.txt", "list inbound long.txt", "get inbound/data.bin copy.bin");
        assertEquals(Digests.sha256(original), Digests.sha256(wharf.home().resolve("inbound/data.bin")));
        assertEquals("data.bin", Files.readString(tmp.resolve("names.txt")).trim());
        String listing = Files.readString(tmp.resolve("long.txt"));
        assertTrue(listing.matches("(?s)-\\S+\\s+1\\s+\\S+\\s+\\S+\\s+" + UPLOAD_SIZE + " .* data\\.bin\\n"), listing);
        assertEquals(Digests.sha256(original), Digests.sha256(tmp.resolve("copy.bin")));
        assertEquals(4, count(output, "data: TLSv1.3 resumed=True"), "four resumed data connections\n" + output);
        wharf.assertNoLeaks();
    }

    /**
     * Runs the script with {@code ops} in one session; asserts it succeeded over TLS with {@code AUTH TLS} answered
     * 234 and {@code PBSZ 0} and {@code PROT P} accepted; returns its output.
     */
    static String ftplib(WharfServerExtension wharf, Path tmp, String mode, String... ops) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3", script().toString(), String.valueOf(wharf.port()),
                WharfServerExtension.USER, WharfServerExtension.PASSWORD, wharf.certificateFile().toString(), mode));
        command.addAll(List.of(ops));
        ExternalProcess.Result result = Interop.succeeded(Interop.run(tmp, command));
        String output = result.output();
        assertTrue(output.contains("*resp* '234 AUTH TLS successful"), output);
        assertTrue(output.contains("control: TLSv1.3"), output);
        assertTrue(output.contains("*resp* '200 PBSZ=0'"), output);
        assertTrue(output.contains("*resp* '200 Protection level set to Private"), output);
        return output;
    }

    static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static Path script() throws URISyntaxException {
        return Path.of(FtpsPythonEnforceIT.class.getResource("/interop/ftps_ftplib_client.py").toURI());
    }
}
