package io.wharf.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SourceAddressesTest {

    @Test
    void startsWithTheKernelsChoiceAndMovesOnWhenPortsRunOut() {
        SourceAddresses sources = new SourceAddresses(true, 0);
        assertEquals("kernel's choice", sources.describe());
        assertEquals(0, sources.pick());
        assertNull(SourceAddresses.bindAddress(0));
        assertTrue(sources.exhausted(0));
        assertEquals(1, sources.pick());
        assertEquals("127.0.0.2", SourceAddresses.bindAddress(1).getAddress().getHostAddress());
        assertTrue(sources.exhausted(0), "a stale report of an address already retired is harmless");
        assertEquals(1, sources.pick());
        assertEquals("kernel's choice, then 127.0.0.2 as ports ran out", sources.describe());
    }

    @Test
    void forcedSpreadRoundRobins() {
        SourceAddresses sources = new SourceAddresses(true, 3);
        assertEquals(1, sources.pick());
        assertEquals(2, sources.pick());
        assertEquals(3, sources.pick());
        assertEquals(1, sources.pick());
        assertEquals("127.0.0.2 .. 127.0.0.4", sources.describe());
        assertEquals("127.0.1.0", SourceAddresses.bindAddress(255).getAddress().getHostAddress());
    }

    @Test
    void neverSpreadsForATargetOffLoopback() {
        SourceAddresses sources = new SourceAddresses(false, 0);
        assertFalse(sources.exhausted(0));
        assertThrows(IllegalArgumentException.class, () -> new SourceAddresses(false, 2));
    }
}
