package io.wharf.server.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProbeTargetTest {

    @Test
    void fullUrl() {
        ProbeTarget target = ProbeTarget.parse("ftp://acme:p%40ss:w+rd@ftp.example.com:2121/inbox/today", false);
        assertEquals(ProbeTarget.Security.PLAIN, target.security());
        assertEquals("ftp.example.com", target.host());
        assertEquals(2121, target.port());
        assertEquals("acme", target.user());
        assertEquals("p@ss:w+rd", target.password(), "decoded, split at the first colon, + kept");
        assertEquals("inbox/today", target.path());
        assertTrue(!target.display().contains("p@ss"), target.display());
    }

    @Test
    void defaults() {
        ProbeTarget plain = ProbeTarget.parse("ftp://127.0.0.1", false);
        assertEquals(21, plain.port());
        assertEquals(ProbeTarget.ANONYMOUS, plain.user());
        assertNull(plain.password());
        assertEquals("", plain.path());
        assertTrue(plain.anonymous());
        assertEquals(21, ProbeTarget.parse("ftps://127.0.0.1/", false).port());
        ProbeTarget implicit = ProbeTarget.parse("ftps://u@[::1]/", true);
        assertEquals(ProbeTarget.Security.IMPLICIT, implicit.security());
        assertEquals(990, implicit.port());
        assertEquals("::1", implicit.host());
        assertEquals("ftps://u@[::1]:990/ (implicit TLS)", implicit.display());
    }

    @Test
    void unusableUrls() {
        assertThrows(IllegalArgumentException.class, () -> ProbeTarget.parse("http://127.0.0.1/", false));
        assertThrows(IllegalArgumentException.class, () -> ProbeTarget.parse("ftp://127.0.0.1/", true));
        assertThrows(IllegalArgumentException.class, () -> ProbeTarget.parse("ftp:///path", false));
        assertThrows(IllegalArgumentException.class, () -> ProbeTarget.parse("ftp://host/?x=1", false));
        assertThrows(IllegalArgumentException.class, () -> ProbeTarget.parse("127.0.0.1:21", false));
    }
}
