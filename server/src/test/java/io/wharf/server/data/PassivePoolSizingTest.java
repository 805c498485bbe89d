package io.wharf.server.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.config.ListenerConfig;
import io.wharf.server.EmbeddedDefault;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up warning about a passive range that is small for the session limit. */
class PassivePoolSizingTest {

    @Test
    void warnsBelowOnePortPerTenSessions() {
        assertEquals(Optional.of("listener ftp: 100 passive ports for up to 10000 sessions (limits.max-sessions)."
                + " A session holds a passive port from PASV or EPSV until its data connection arrives (at most"
                + " limits.data-connect-timeout), so no more than 100 sessions can wait for a data connection at once"
                + " and the next get 425 replies. A passive.ports range of at least 1000 ports stops this warning (or"
                + " limits.max-sessions of at most 1000); the whole range must be open on the firewall (and"
                + " forwarded, behind NAT)."), PassivePoolSizing.warning("ftp", 100, 10_000));
        assertEquals(Optional.empty(), PassivePoolSizing.warning("ftp", 1000, 10_000));
        assertEquals(Optional.empty(), PassivePoolSizing.warning("ftp", 4, 40));
        assertTrue(PassivePoolSizing.warning("ftp", 4, 41).orElseThrow().contains("at least 5 ports"));
    }

    @Test
    void saysSoWhenNoRangeIsLargeEnough() {
        assertTrue(PassivePoolSizing.warning("public", 500, Integer.MAX_VALUE).orElseThrow()
                .contains("No passive range holds 214748365 ports; limits.max-sessions of at most 5000 stops this"
                        + " warning; the whole range"));
    }

    @Test
    void theEmbeddedDefaultDoesNotWarn(@TempDir Path dir) throws Exception {
        EmbeddedDefault.Prepared embedded = EmbeddedDefault.prepare(dir, 0, 0);

        for (ListenerConfig listener : embedded.config().listeners()) {
            assertEquals(Optional.empty(), PassivePoolSizing.warning(listener.name(), listener.passive().size(),
                    embedded.config().limits().maxSessions()), listener.name());
        }
    }
}
