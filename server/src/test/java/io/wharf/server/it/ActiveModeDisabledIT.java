package io.wharf.server.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.config.ActiveConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A listener with active mode switched off says so and points at passive mode. */
@Timeout(60)
class ActiveModeDisabledIT {

    @RegisterExtension
    final WharfServerExtension wharf = new WharfServerExtension().passivePorts(4)
            .active(new ActiveConfig(false, false, List.of()));

    @Test
    void disabledActiveModeSaysSo() throws Exception {
        try (RawFtp ftp = RawFtp.loggedIn(wharf.port())) {
            assertTrue(ftp.expect("PORT 127,0,0,1,200,10", 502).contains("PASV"));
            ftp.expect("EPRT |1|127.0.0.1|51210|", 502);
            ftp.expect("EPSV", 229);
        }
        wharf.assertNoLeaks();
    }
}
