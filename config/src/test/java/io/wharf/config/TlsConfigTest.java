package io.wharf.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code tls} key of a listener, and the {@link TlsConfig} record it loads into. */
class TlsConfigTest {

    private static final Path SOURCE = Path.of("wharf.yaml");
    private static final Path CERT = Path.of("/etc/wharf/server.crt");
    private static final Path KEY = Path.of("/etc/wharf/server.key");
    private static final Path P12 = Path.of("/etc/wharf/server.p12");

    @TempDir
    Path dir;

    @Test
    void loadsEveryKey() throws Exception {
        Path file = Files.writeString(dir.resolve("wharf.yaml"), """
                listeners:
                  - name: ftps
                    port: 9990
                    tls:
                      implicit: false
                      certificate: ./tls/server.crt
                      private-key: tls/../tls/server.key
                      require: both
                      session-reuse: allow
                      protocols: TLSv1.3
                      cipher-suites: [TLS_AES_256_GCM_SHA384, "TLS_AES_128_GCM_SHA256, TLS_CHACHA20_POLY1305_SHA256"]
                      allow-ccc: true
                  - name: implicit
                    port: 9991
                    tls:
                      implicit: true
                      keystore: /etc/wharf/server.p12
                      keystore-password: 123456
                      require: data
                      session-reuse: off
                      protocols:
                        - TLSv1.2
                        - TLSv1.3
                      cipher-suites: []
                  - name: plain
                    port: 2121
                """);

        List<ListenerConfig> listeners = ConfigLoader.load(file).listeners();

        Path base = dir.toAbsolutePath();
        assertEquals(new TlsConfig(false, base.resolve("tls/server.crt"), base.resolve("tls/server.key"), null, null,
                TlsRequirement.BOTH, SessionReuse.ALLOW, List.of("TLSv1.3"),
                List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256"), true),
                listeners.get(0).tls());
        assertEquals(new TlsConfig(true, null, null, P12, "123456", TlsRequirement.DATA, SessionReuse.OFF,
                List.of("TLSv1.2", "TLSv1.3"), List.of(), false), listeners.get(1).tls());
        assertNull(listeners.get(2).tls());
        assertEquals(9990, listeners.get(0).port());
    }

    @Test
    void absentOrNullTlsIsPlainFtp() throws Exception {
        for (String yaml : List.of("", "listeners:\n  - name: ftp\n", "listeners:\n  - tls:\n",
                "listeners:\n  - tls: ~\n", "listeners:\n  - tls: null\n")) {
            ListenerConfig listener = ConfigLoader.parse(yaml, SOURCE).listeners().get(0);
            assertNull(listener.tls(), yaml);
            assertEquals(new ListenerConfig("ftp", "127.0.0.1", 2121,
                    new PassiveConfig(List.of(new PortRange(30000, 30999)), null)), listener, yaml);
        }
    }

    @Test
    void onlyCertificateTakesEveryDefault() throws Exception {
        TlsConfig tls = tls(withTls("certificate: /etc/wharf/server.crt"));

        assertEquals(TlsConfig.pem(CERT, null), tls);
        assertFalse(tls.implicit());
        assertEquals(CERT, tls.certificate());
        assertNull(tls.privateKey());
        assertNull(tls.keystore());
        assertNull(tls.keystorePassword());
        assertEquals(TlsRequirement.NONE, tls.require());
        assertEquals(SessionReuse.ENFORCE, tls.sessionReuse());
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), tls.protocols());
        assertEquals(TlsConfig.DEFAULT_PROTOCOLS, tls.protocols());
        assertEquals(List.of(), tls.cipherSuites());
        assertFalse(tls.allowCcc());

        assertEquals(tls, tls(withTls("certificate: /etc/wharf/server.crt\n      private-key: null\n"
                + "      keystore: ~\n      keystore-password:\n      require: null\n      session-reuse: null\n"
                + "      protocols: null\n      cipher-suites: null\n      implicit: null\n      allow-ccc: null")));
        assertEquals(TlsConfig.pem(CERT, KEY),
                tls(withTls("{certificate: /etc/wharf/server.crt, private-key: /etc/wharf/server.key}")));
    }

    @Test
    void keystoreAlone() throws Exception {
        TlsConfig tls = tls(withTls("keystore: /etc/wharf/server.p12"));

        assertEquals(new TlsConfig(false, null, null, P12, null, TlsRequirement.NONE, SessionReuse.ENFORCE,
                TlsConfig.DEFAULT_PROTOCOLS, List.of(), false), tls);
        assertEquals("", tls(withTls("keystore: /etc/wharf/server.p12\n      keystore-password: ''"))
                .keystorePassword());
        assertEquals("null", tls(withTls("keystore: /etc/wharf/server.p12\n      keystore-password: \"null\""))
                .keystorePassword());
    }

    @Test
    void relativePathsResolveAgainstTheConfigFile() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("etc"));
        Path file = Files.writeString(sub.resolve("wharf.yaml"), withTls("certificate: ./tls/server.crt\n"
                + "      private-key: ../keys/server.key"));

        TlsConfig tls = ConfigLoader.load(file).listeners().get(0).tls();

        assertEquals(sub.toAbsolutePath().resolve("tls/server.crt"), tls.certificate());
        assertEquals(dir.toAbsolutePath().resolve("keys/server.key"), tls.privateKey());
        assertTrue(tls.certificate().isAbsolute());
        assertFalse(Files.exists(tls.certificate()), "files are not checked here");

        Path keystoreFile = Files.writeString(sub.resolve("ks.yaml"), withTls("keystore: server.p12"));
        assertEquals(sub.toAbsolutePath().resolve("server.p12"),
                ConfigLoader.load(keystoreFile).listeners().get(0).tls().keystore());
        assertEquals(Path.of("server.crt").toAbsolutePath(),
                ConfigLoader.parse(withTls("certificate: server.crt"), null).listeners().get(0).tls().certificate());
    }

    @Test
    void needsCertificateOrKeystore() {
        assertParseError(withTls("{}"),
                "wharf.yaml:3: listeners[0].tls: needs certificate (and private-key) or keystore");
        assertParseError(withTls("require: both\n      implicit: true"),
                "wharf.yaml:4: listeners[0].tls: needs certificate (and private-key) or keystore");
        assertParseError("listeners:\n  - name: ftp\n    tls: {certificate: null}\n",
                "wharf.yaml:3: listeners[0].tls: needs certificate (and private-key) or keystore");
        assertParseError(withTls("certificate: a.crt\n      keystore: a.p12"),
                "wharf.yaml:5: listeners[0].tls.keystore: certificate and keystore are exclusive");
        assertParseError(withTls("keystore: a.p12\n      private-key: a.key"),
                "wharf.yaml:5: listeners[0].tls.private-key: given without certificate");
        assertParseError(withTls("private-key: a.key"),
                "wharf.yaml:4: listeners[0].tls.private-key: given without certificate");
        assertParseError(withTls("certificate: a.crt\n      keystore-password: secret"),
                "wharf.yaml:5: listeners[0].tls.keystore-password: given without keystore");
        assertParseError(withTls("certificate: ''"), "wharf.yaml:4: listeners[0].tls.certificate: must not be empty");
    }

    @Test
    void badChoices() {
        assertParseError(withCertificateAnd("require: sometimes"),
                "wharf.yaml:5: listeners[0].tls.require: \"sometimes\" is not one of none, control, data, both");
        assertParseError(withCertificateAnd("require: BOTH"),
                "wharf.yaml:5: listeners[0].tls.require: \"BOTH\" is not one of none, control, data, both");
        assertParseError(withCertificateAnd("require: [data]"),
                "wharf.yaml:5: listeners[0].tls.require: expected one of none, control, data, both, got a list");
        assertParseError(withCertificateAnd("session-reuse: true"),
                "wharf.yaml:5: listeners[0].tls.session-reuse: \"true\" is not one of off, allow, enforce");
        assertParseError(withCertificateAnd("implicit: yes"),
                "wharf.yaml:5: listeners[0].tls.implicit: expected true or false, got \"yes\"");
        assertParseError(withCertificateAnd("allow-ccc: 1"),
                "wharf.yaml:5: listeners[0].tls.allow-ccc: expected true or false, got \"1\"");
    }

    @Test
    void everyChoiceIsRead() throws Exception {
        for (TlsRequirement require : TlsRequirement.values()) {
            String yaml = withCertificateAnd("require: " + require.name().toLowerCase(Locale.ROOT));
            assertEquals(require, tls(yaml).require());
        }
        for (SessionReuse reuse : SessionReuse.values()) {
            String yaml = withCertificateAnd("session-reuse: " + reuse.name().toLowerCase(Locale.ROOT));
            assertEquals(reuse, tls(yaml).sessionReuse());
        }
    }

    @Test
    void badProtocols() throws Exception {
        String supported = "(use TLSv1.3, TLSv1.2, TLSv1.1 or TLSv1)";
        assertParseError(withCertificateAnd("protocols: SSLv3"),
                "wharf.yaml:5: listeners[0].tls.protocols: \"SSLv3\" is not a supported protocol " + supported);
        assertParseError(withCertificateAnd("protocols: [TLSv1.3, tlsv1.2]"),
                "wharf.yaml:5: listeners[0].tls.protocols[1]: \"tlsv1.2\" is not a supported protocol " + supported);
        assertParseError(withCertificateAnd("protocols: TLSv1.3,"),
                "wharf.yaml:5: listeners[0].tls.protocols: \"\" is not a supported protocol " + supported);
        assertParseError(withCertificateAnd("protocols: []"),
                "wharf.yaml:5: listeners[0].tls.protocols: expected at least one protocol");
        assertParseError(withCertificateAnd("protocols: TLSv1.2, TLSv1.2"),
                "wharf.yaml:5: listeners[0].tls.protocols: \"TLSv1.2\" is repeated");
        assertParseError(withCertificateAnd("protocols: {v: TLSv1.3}"),
                "wharf.yaml:5: listeners[0].tls.protocols: expected a protocol such as TLSv1.3, got a mapping");
        assertEquals(List.of("TLSv1.2", "TLSv1.1", "TLSv1"),
                tls(withCertificateAnd("protocols: \"TLSv1.2 , TLSv1.1,TLSv1\"")).protocols());
    }

    @Test
    void badCipherSuites() {
        assertParseError(withCertificateAnd("cipher-suites: TLS_AES_128_GCM_SHA256, AES 256"),
                "wharf.yaml:5: listeners[0].tls.cipher-suites: \"AES 256\" is not a cipher suite name "
                        + "(use e.g. TLS_AES_128_GCM_SHA256)");
        assertParseError(withCertificateAnd("cipher-suites: ''"),
                "wharf.yaml:5: listeners[0].tls.cipher-suites: \"\" is not a cipher suite name "
                        + "(use e.g. TLS_AES_128_GCM_SHA256)");
        assertParseError(withCertificateAnd("cipher-suites: [TLS_AES_128_GCM_SHA256, TLS_AES_128_GCM_SHA256]"),
                "wharf.yaml:5: listeners[0].tls.cipher-suites[1]: \"TLS_AES_128_GCM_SHA256\" is repeated");
        assertParseError(withCertificateAnd("cipher-suites: [[TLS_AES_128_GCM_SHA256]]"),
                "wharf.yaml:5: listeners[0].tls.cipher-suites[0]: expected a cipher suite such as "
                        + "TLS_AES_128_GCM_SHA256, got a list");
    }

    @Test
    void wrongShapesAndUnknownKeys() {
        assertParseError("listeners:\n  - tls: true\n", "wharf.yaml:2: listeners[0].tls: expected a mapping");
        assertParseError(withCertificateAnd("cert: a.crt"),
                "wharf.yaml:5: listeners[0].tls.cert: unknown key (expected one of: implicit, certificate, "
                        + "private-key, keystore, keystore-password, require, session-reuse, protocols, "
                        + "cipher-suites, allow-ccc)");
        assertParseError(withCertificateAnd("certificate: b.crt"), "wharf.yaml:5: listeners[0].tls.certificate: "
                + "duplicate key");
        assertParseError(withCertificateAnd("private-key: [a.key]"),
                "wharf.yaml:5: listeners[0].tls.private-key: expected a string, got a list");
        assertParseError("listeners:\n  - name: ftp\n    tsl: {}\n",
                "wharf.yaml:3: listeners[0].tsl: unknown key (expected one of: name, address, port, passive, "
                        + "active, tls)");
    }

    @Test
    void recordChecksItsValues() {
        assertRecordError("TLS needs a certificate or a keystore", () -> withFiles(null, null, null, null));
        assertRecordError("TLS certificate and keystore are exclusive", () -> withFiles(CERT, null, P12, null));
        assertRecordError("TLS privateKey is given without certificate", () -> withFiles(null, KEY, P12, null));
        assertRecordError("TLS keystorePassword is given without keystore", () -> withFiles(CERT, KEY, null, "pw"));
        assertRecordError("TLS protocols must not be empty", () -> withLists(List.of(), List.of()));
        assertRecordError("TLS protocol SSLv3 is not supported (use TLSv1.3, TLSv1.2, TLSv1.1 or TLSv1)",
                () -> withLists(List.of("TLSv1.3", "SSLv3"), List.of()));
        assertRecordError("TLS protocol TLSv1.3 is repeated", () -> withLists(List.of("TLSv1.3", "TLSv1.3"),
                List.of()));
        assertRecordError("TLS cipher suite \"\" is not a JSSE name", () -> withLists(List.of("TLSv1.3"), List.of("")));
        assertRecordError("TLS cipher suite TLS_AES_128_GCM_SHA256 is repeated", () -> withLists(List.of("TLSv1.3"),
                List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256")));

        assertThrows(NullPointerException.class, () -> TlsConfig.pem(null, KEY));
        assertThrows(NullPointerException.class, () -> new TlsConfig(false, CERT, null, null, null, null,
                SessionReuse.ENFORCE, TlsConfig.DEFAULT_PROTOCOLS, List.of(), false));
        assertThrows(NullPointerException.class, () -> new TlsConfig(false, CERT, null, null, null,
                TlsRequirement.NONE, null, TlsConfig.DEFAULT_PROTOCOLS, List.of(), false));
        assertThrows(NullPointerException.class, () -> withLists(null, List.of()));
        assertThrows(NullPointerException.class, () -> withLists(TlsConfig.DEFAULT_PROTOCOLS, null));
        assertThrows(NullPointerException.class, () -> withLists(List.of("TLSv1.3"), Arrays.asList((String) null)));

        assertEquals(P12, withFiles(null, null, P12, "pw").keystore());
        assertEquals(KEY, withFiles(CERT, KEY, null, null).privateKey());
        assertNull(withFiles(CERT, null, null, null).privateKey());
    }

    @Test
    void recordCopiesItsLists() {
        List<String> protocols = new ArrayList<>(List.of("TLSv1.2"));
        List<String> suites = new ArrayList<>(List.of("TLS_AES_128_GCM_SHA256"));
        TlsConfig tls = withLists(protocols, suites);
        protocols.add("TLSv1.3");
        suites.clear();

        assertEquals(List.of("TLSv1.2"), tls.protocols());
        assertEquals(List.of("TLS_AES_128_GCM_SHA256"), tls.cipherSuites());
        assertThrows(UnsupportedOperationException.class, () -> tls.protocols().clear());
        assertThrows(UnsupportedOperationException.class, () -> tls.cipherSuites().clear());
        assertThrows(UnsupportedOperationException.class, () -> TlsConfig.DEFAULT_PROTOCOLS.clear());
    }

    @Test
    void toStringHidesThePassword() {
        TlsConfig tls = withFiles(null, null, P12, "hunter2");

        assertFalse(tls.toString().contains("hunter2"), tls.toString());
        assertEquals("TlsConfig[implicit=false, certificate=null, privateKey=null, keystore=" + P12
                + ", keystorePassword=***, require=NONE, sessionReuse=ENFORCE, protocols=[TLSv1.3, TLSv1.2], "
                + "cipherSuites=[], allowCcc=false]", tls.toString());
        assertTrue(withFiles(CERT, null, null, null).toString().contains("keystorePassword=null"));
    }

    @Test
    void listenerConstructorsKeepCompiling() {
        PassiveConfig passive = new PassiveConfig(List.of(new PortRange(30000, 30999)), null);
        ListenerConfig plain = new ListenerConfig("ftp", "::", 21, passive, ActiveConfig.defaults());
        ListenerConfig secure = new ListenerConfig("ftp", "::", 21, passive, ActiveConfig.defaults(),
                TlsConfig.pem(CERT, KEY));

        assertNull(plain.tls());
        assertNull(new ListenerConfig("ftp", "::", 21, passive).tls());
        assertEquals(new ListenerConfig("ftp", "::", 21, passive, ActiveConfig.defaults(), null), plain);
        assertEquals(TlsConfig.pem(CERT, KEY), secure.tls());
    }

    private static TlsConfig withFiles(Path certificate, Path privateKey, Path keystore, String password) {
        return new TlsConfig(false, certificate, privateKey, keystore, password, TlsRequirement.NONE,
                SessionReuse.ENFORCE, TlsConfig.DEFAULT_PROTOCOLS, List.of(), false);
    }

    private static TlsConfig withLists(List<String> protocols, List<String> cipherSuites) {
        return new TlsConfig(false, CERT, null, null, null, TlsRequirement.NONE, SessionReuse.ENFORCE, protocols,
                cipherSuites, false);
    }

    private static String withTls(String body) {
        String value = body.startsWith("{") ? " " + body : "\n      " + body;
        return "listeners:\n  - name: ftp\n    tls:" + value + "\n";
    }

    private static String withCertificateAnd(String entry) {
        return withTls("certificate: a.crt\n      " + entry);
    }

    private static TlsConfig tls(String yaml) throws ConfigException {
        return ConfigLoader.parse(yaml, SOURCE).listeners().get(0).tls();
    }

    private static void assertRecordError(String expectedMessage, Runnable construction) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction::run);
        assertEquals(expectedMessage, e.getMessage());
    }

    private static void assertParseError(String yaml, String expectedMessage) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, SOURCE));
        assertEquals(expectedMessage, e.getMessage());
    }
}
