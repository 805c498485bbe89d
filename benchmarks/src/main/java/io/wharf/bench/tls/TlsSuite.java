package io.wharf.bench.tls;

/** Protocol and cipher suite an {@link EnginePair} negotiates: the TLS benchmarks' {@code suite} parameter. */
public enum TlsSuite {
    /** TLS 1.3 with AES-128-GCM, Wharf's preferred suite. */
    TLS13_AES_128_GCM("TLSv1.3", "TLS_AES_128_GCM_SHA256"),
    /** TLS 1.3 with AES-256-GCM, the JDK's own first choice. */
    TLS13_AES_256_GCM("TLSv1.3", "TLS_AES_256_GCM_SHA384"),
    /** TLS 1.2 with ECDHE, the certificate's ECDSA key, and AES-128-GCM. */
    TLS12_AES_128_GCM("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");

    final String protocol;
    final String cipherSuite;

    TlsSuite(String protocol, String cipherSuite) {
        this.protocol = protocol;
        this.cipherSuite = cipherSuite;
    }
}
