package io.wharf.tls;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * TLS protocol versions and cipher suites for Wharf's engines: TLS 1.3 and 1.2 only unless configured otherwise.
 *
 * <p>Threading: stateless.
 */
public final class TlsProtocols {

    /** The default protocols, newest first. */
    public static final List<String> DEFAULT = List.of("TLSv1.3", "TLSv1.2");

    /** The JDK's TLS 1.3 suites; every other suite name (the {@code _WITH_} ones) is for TLS 1.2 and older. */
    private static final Set<String> TLS13_SUITES = Set.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_CCM_SHA256", "TLS_AES_128_CCM_8_SHA256");

    private static final String PREFERRED_SUITE = "TLS_AES_128_GCM_SHA256";

    private TlsProtocols() {
    }

    /**
     * A new server-mode engine from {@code context}.
     *
     * @param protocols    protocol names such as {@code "TLSv1.3"}; null or empty for {@link #DEFAULT}
     * @param cipherSuites suite names; null or empty for the JDK's default suites (which it narrows to the
     *                     negotiated protocol), with {@code TLS_AES_128_GCM_SHA256} moved first
     * @throws IllegalArgumentException naming every protocol or suite this JDK does not support, or when none of the
     *                                  suites can be used with any of the protocols
     */
    public static SSLEngine serverEngine(SSLContext context, List<String> protocols, List<String> cipherSuites) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        List<String> enabledProtocols = protocols == null || protocols.isEmpty() ? DEFAULT : protocols;
        requireSupported("TLS protocol", enabledProtocols, engine.getSupportedProtocols());
        engine.setEnabledProtocols(enabledProtocols.toArray(new String[0]));
        if (cipherSuites != null && !cipherSuites.isEmpty()) {
            requireSupported("cipher suite", cipherSuites, engine.getSupportedCipherSuites());
            requireUsable(cipherSuites, enabledProtocols);
            engine.setEnabledCipherSuites(cipherSuites.toArray(new String[0]));
        } else {
            engine.setEnabledCipherSuites(preferAes128(engine.getEnabledCipherSuites()));
        }
        return engine;
    }

    /**
     * The JDK lists TLS_AES_256_GCM_SHA384 first and, as a server, picks by its own order. AES-128-GCM is as safe
     * for file transfer (it is what Mozilla's recommended configurations prefer) and costs the server about a tenth
     * less CPU per encrypted gigabyte, which on a gateway moving files is the budget that matters.
     */
    private static String[] preferAes128(String[] suites) {
        List<String> ordered = new ArrayList<>(Arrays.asList(suites));
        if (ordered.remove(PREFERRED_SUITE)) {
            ordered.add(0, PREFERRED_SUITE);
        }
        return ordered.toArray(new String[0]);
    }

    private static void requireSupported(String what, List<String> requested, String[] supported) {
        List<String> known = Arrays.asList(supported);
        List<String> unknown = new ArrayList<>();
        for (String name : requested) {
            if (!known.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unsupported " + what + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + " (this JDK supports " + String.join(", ", known) + ")");
        }
    }

    private static void requireUsable(List<String> suites, List<String> protocols) {
        boolean tls13 = protocols.contains("TLSv1.3");
        boolean older = protocols.stream().anyMatch(protocol -> !protocol.equals("TLSv1.3"));
        for (String suite : suites) {
            boolean forTls13 = TLS13_SUITES.contains(suite);
            if (forTls13 && tls13 || !forTls13 && older && suite.contains("_WITH_")) {
                return;
            }
        }
        throw new IllegalArgumentException("none of the cipher suites " + String.join(", ", suites)
                + " can be used with " + String.join(", ", protocols));
    }
}
