package io.wharf.server.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.config.Cidr;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A client inside a configured local network (here loopback) gets the server's local address, not the public one. */
@Timeout(60)
class AdvertisedLocalNetworkIT {

    @RegisterExtension
    final WharfServerExtension natted = new WharfServerExtension().passivePorts(4)
            .advertised("198.51.100.7", List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("127.0.0.0/8")));

    @Test
    void localClientsAreToldTheLocalAddress() throws Exception {
        try (RawFtp ftp = RawFtp.loggedIn(natted.port())) {
            String reply = ftp.expect("PASV", 227);
            assertTrue(reply.contains("(127,0,0,1,"), reply);
        }
        natted.assertNoLeaks();
    }
}
