package io.wharf.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A host name as the advertised address: resolved at start (its first IPv4 address) and put in 227 replies. The
 * listener binds ::1, so a PASV reply can only carry 127.0.0.1 if it came from {@code localhost}: without an
 * advertised address PASV answers 522 on IPv6. Loopback only; the re-resolution itself is covered by
 * {@code AdvertisedAddressTest} with a resolver whose answers change.
 */
@Timeout(60)
class AdvertisedHostNameIT {

    @RegisterExtension
    final WharfServerExtension wharf = new WharfServerExtension().passivePorts(4).maxSessions(40).address("::1")
            .advertised("localhost", List.of());

    @Test
    void pasvAdvertisesWhatTheHostNameResolvesTo() throws Exception {
        try (RawFtp ftp = RawFtp.loggedIn("::1", wharf.port())) {
            String reply = ftp.expect("PASV", 227);
            assertTrue(reply.contains("(127,0,0,1,"), reply);
            assertTrue(ftp.expect("EPSV", 229).contains("(|||"));
        }
        assertEquals(List.of(), wharf.server().startWarnings(), "a loopback listener with 1 port per 10 sessions");
        wharf.assertNoLeaks();
    }
}
