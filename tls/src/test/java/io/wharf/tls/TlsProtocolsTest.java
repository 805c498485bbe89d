package io.wharf.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TlsProtocolsTest {

    private static SSLContext context;

    @BeforeAll
    static void createContext() throws GeneralSecurityException {
        context = SelfSignedCertificate.generate(List.of("localhost"), Duration.ofDays(1)).serverContext();
    }

    @Test
    void defaultsToTls13And12InServerMode() {
        for (List<String> none : Arrays.asList(null, List.<String>of())) {
            SSLEngine engine = TlsProtocols.serverEngine(context, none, none);
            assertFalse(engine.getUseClientMode());
            assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, engine.getEnabledProtocols());
            assertTrue(List.of(engine.getEnabledCipherSuites()).contains("TLS_AES_128_GCM_SHA256"));
        }
    }

    @Test
    void defaultSuitesPutAes128GcmFirstAndKeepEveryOther() {
        SSLEngine plain = context.createSSLEngine();
        SSLEngine ours = TlsProtocols.serverEngine(context, null, null);
        assertEquals("TLS_AES_128_GCM_SHA256", ours.getEnabledCipherSuites()[0]);
        assertEquals(new TreeSet<>(Arrays.asList(plain.getEnabledCipherSuites())),
                new TreeSet<>(Arrays.asList(ours.getEnabledCipherSuites())));
    }

    @Test
    void configuredProtocolsAndSuitesAreApplied() {
        SSLEngine engine = TlsProtocols.serverEngine(context, List.of("TLSv1.2"),
                List.of("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"));
        assertArrayEquals(new String[] {"TLSv1.2"}, engine.getEnabledProtocols());
        assertArrayEquals(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"}, engine.getEnabledCipherSuites());
    }

    @Test
    void unknownNamesAreNamed() {
        IllegalArgumentException protocol = assertThrows(IllegalArgumentException.class,
                () -> TlsProtocols.serverEngine(context, List.of("TLSv1.3", "TLSv9", "SSLv4"), null));
        assertTrue(protocol.getMessage().startsWith("unsupported TLS protocols TLSv9, SSLv4 (this JDK supports "),
                protocol.getMessage());

        IllegalArgumentException suite = assertThrows(IllegalArgumentException.class,
                () -> TlsProtocols.serverEngine(context, null, List.of("TLS_AES_128_GCM_SHA256", "TLS_NULL_NONSENSE")));
        assertTrue(suite.getMessage().startsWith("unsupported cipher suite TLS_NULL_NONSENSE (this JDK supports "),
                suite.getMessage());
    }

    @Test
    void suitesThatFitNoEnabledProtocolAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TlsProtocols.serverEngine(context, List.of("TLSv1.3"),
                        List.of("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384")));
        assertEquals("none of the cipher suites TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 can be used with TLSv1.3",
                e.getMessage());
    }
}
