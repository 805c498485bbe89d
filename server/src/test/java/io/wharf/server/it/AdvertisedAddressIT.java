package io.wharf.server.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.config.Cidr;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The 227 reply carries the configured public address, except to clients on the listed local networks, which get
 * the control connection's own address. Only the reply text is checked: nothing connects to the documentation
 * address (198.51.100.0/24, RFC 5737).
 */
@Timeout(60)
class AdvertisedAddressIT {

    @RegisterExtension
    final WharfServerExtension natted = new WharfServerExtension().passivePorts(4)
            .advertised("198.51.100.7", List.of(Cidr.parse("10.0.0.0/8")));

    @Test
    void clientsOutsideTheLocalNetworksAreToldThePublicAddress() throws Exception {
        try (RawFtp ftp = RawFtp.loggedIn(natted.port())) {
            String reply = ftp.expect("PASV", 227);
            assertTrue(reply.contains("(198,51,100,7,"), reply);
            assertTrue(ftp.expect("EPSV", 229).contains("(|||"));   // EPSV carries no address at all
        }
        natted.assertNoLeaks();
    }
}
