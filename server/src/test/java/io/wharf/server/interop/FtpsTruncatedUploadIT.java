package io.wharf.server.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.config.SessionReuse;
import io.wharf.config.TlsRequirement;
import io.wharf.server.it.Digests;
import io.wharf.server.it.RawFtp;
import io.wharf.server.it.WharfServerExtension;
import java.nio.file.Files;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How a {@code PROT P} upload ends. In stream mode the end of the data connection is the end of the file, and under
 * TLS only {@code close_notify} says the sender meant to stop there: a bare TCP FIN is what an attacker on the path
 * injects to cut an upload short (a truncation attack), or what a crashed client's kernel sends. Every real client
 * here (curl, lftp, Python, Commons Net) sends {@code close_notify}; this test drives the two endings by hand with a
 * JSSE client that resumes the control session, as {@code enforce} requires.
 */
@Timeout(60)
class FtpsTruncatedUploadIT {

    private static final int LENGTH = 300_000;

    @RegisterExtension
    final WharfServerExtension wharf = new WharfServerExtension().passivePorts(16)
            .tls(false, TlsRequirement.BOTH, SessionReuse.ENFORCE);

    @Test
    void anUploadEndedWithCloseNotifyIsStored() throws Exception {
        byte[] bytes = bytes(121);
        String reply = FtpsInterop.upload(wharf, "whole.bin", bytes, true);
        assertEquals(226, RawFtp.code(reply), reply);
        assertEquals(Digests.sha256(bytes), Digests.sha256(wharf.home().resolve("whole.bin")));
        wharf.assertNoLeaks();
    }

    /**
     * A FIN without {@code close_notify} must not be taken for the end of the file: the upload should fail (426) and
     * stay a hidden partial, like one cut by a reset, instead of appearing complete under its name.
     */
    @Test
    void anUploadCutByAFinWithoutCloseNotifyIsNotStored() throws Exception {
        String reply = FtpsInterop.upload(wharf, "cut.bin", bytes(122), false);
        assertNotEquals(226, RawFtp.code(reply), reply);
        assertTrue(Files.notExists(wharf.home().resolve("cut.bin")), "a truncated upload appeared under its name");
        wharf.assertNoLeaks();
    }

    private static byte[] bytes(long seed) {
        byte[] bytes = new byte[LENGTH];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
