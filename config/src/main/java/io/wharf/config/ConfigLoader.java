package io.wharf.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Loads and fully validates {@code wharf.yaml}.
 *
 * <p>Every key is optional. The defaults live here, in {@link LimitsConfig#defaults()}, in
 * {@link ActiveConfig#defaults()} and in {@link TlsConfig#pem}:
 * <pre>
 * server:
 *   event-loops: 0                     # 0-1024; 0 = one per core
 *   root: ./wharf-data/files           # relative paths resolve against the config file's directory
 *   users-file: ./wharf-data/users.yaml
 * limits:
 *   max-sessions: 10000                # at least 1
 *   idle-timeout: 300s                 # seconds, or a whole number with ms|s|m|h; 1ms to 8760h
 *   login-timeout: 60s
 *   data-connect-timeout: 30s
 *   max-command-line: 4096             # bytes, 512-1048576
 * listeners:                           # default: the single listener below
 *   - name: ftp                        # default "ftp", then "ftp-2", "ftp-3", ...; unique
 *     address: 127.0.0.1
 *     port: 2121                       # 0-65535; 0 = ephemeral
 *     passive:
 *       ports: 30000-30999             # 1024-65535; see PortRangeParser for the accepted forms
 *       advertised-address: null       # IPv4 address or host name; null = the control connection's local
 *                                      # address
 *       advertised-address-refresh: 60s # a host name is resolved again this often, at least 1s; off = only at
 *                                      # start. Only with a host name in advertised-address
 *       local-networks: []             # CIDRs (Cidr#parse), a list or comma-separated; clients in them get the
 *                                      # control connection's local address instead of advertised-address
 *     active:
 *       enabled: true                  # PORT/EPRT accepted
 *       allow-foreign-addresses: false # true lets PORT/EPRT name a host other than the client (FXP)
 *       source-ports: null             # null = the kernel chooses; else like ports, not overlapping them
 *     tls: null                        # null = plain FTP only; when present, needs certificate or keystore
 *       implicit: false                # true: every connection starts with the TLS handshake
 *       certificate: null              # PEM chain, leaf first; relative paths resolve like root
 *       private-key: null              # PEM key; null = in the certificate file. Only with certificate
 *       keystore: null                 # PKCS#12, instead of certificate and private-key
 *       keystore-password: null        # a string; only with keystore
 *       require: none                  # none | control | data | both
 *       session-reuse: enforce         # off | allow | enforce
 *       protocols: [TLSv1.3, TLSv1.2]  # each one of TLSv1.3, TLSv1.2, TLSv1.1, TLSv1; no repeats; like ports
 *       cipher-suites: []              # JSSE names, like ports; empty = the JDK's defaults
 *       allow-ccc: false               # CCC refused unless true
 * </pre>
 *
 * <p>Two listeners may not share a name, nor an address (as written, ignoring case) and a port other than 0.
 *
 * <p>The first problem found is thrown as a {@link ConfigException}; nothing else escapes. Host names are not
 * resolved, and directories, certificates and keys are not checked for existence here: that is the server's job at
 * start-up.
 *
 * <pre>{@code
 * try {
 *     WharfConfig config = ConfigLoader.load(Path.of("wharf.yaml"));
 * } catch (ConfigException e) {
 *     err.println(e.getMessage());     // wharf.yaml:12: listeners[0].port: 70000 is out of range 0-65535
 * }
 * }</pre>
 */
public final class ConfigLoader {

    /** The file name used in messages when {@link #parse} is given no source. */
    static final String INLINE_SOURCE = "<inline>";

    static final String DEFAULT_ROOT = "./wharf-data/files";
    static final String DEFAULT_USERS_FILE = "./wharf-data/users.yaml";
    static final String DEFAULT_LISTENER_NAME = "ftp";
    static final String DEFAULT_ADDRESS = "127.0.0.1";
    static final int DEFAULT_PORT = 2121;
    static final PortRange DEFAULT_PASSIVE_PORTS = new PortRange(30000, 30999);
    /** Each resolution of the advertised host name is a DNS query (when the JVM's cache has expired). */
    static final Duration MIN_ADVERTISED_ADDRESS_REFRESH = Duration.ofSeconds(1);

    private static final List<String> TOP_KEYS = List.of("server", "limits", "listeners");
    private static final List<String> SERVER_KEYS = List.of("event-loops", "root", "users-file");
    private static final List<String> LIMITS_KEYS =
            List.of("max-sessions", "idle-timeout", "login-timeout", "data-connect-timeout", "max-command-line");
    private static final List<String> LISTENER_KEYS =
            List.of("name", "address", "port", "passive", "active", "tls");
    private static final List<String> PASSIVE_KEYS =
            List.of("ports", "advertised-address", "advertised-address-refresh", "local-networks");
    private static final List<String> ACTIVE_KEYS = List.of("enabled", "allow-foreign-addresses", "source-ports");
    private static final List<String> TLS_KEYS = List.of("implicit", "certificate", "private-key", "keystore",
            "keystore-password", "require", "session-reuse", "protocols", "cipher-suites", "allow-ccc");

    /** Names end up in thread names and log lines, so keep them to one token. */
    private static final Pattern LISTENER_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private ConfigLoader() {
    }

    /**
     * Reads {@code file} as UTF-8 and parses it.
     *
     * @param file the config file; messages name it exactly as given
     * @return the validated configuration, with {@code source} set to {@code file}
     * @throws ConfigException if the file cannot be read or any value is invalid
     */
    public static WharfConfig load(Path file) throws ConfigException {
        return parse(YamlDocument.read(file), file);
    }

    /**
     * Parses YAML text. An empty document yields all defaults.
     *
     * @param yaml   the YAML text
     * @param source the file the text came from, used in messages and to resolve relative paths; may be
     *               {@code null}, in which case messages say {@code <inline>} and paths resolve against the
     *               working directory
     * @return the validated configuration
     * @throws ConfigException if the text is not valid YAML or any value is invalid
     */
    public static WharfConfig parse(String yaml, Path source) throws ConfigException {
        String file = source == null ? INLINE_SOURCE : source.toString();
        YamlMapping top = YamlMapping.of(file, "", YamlDocument.compose(yaml, file), TOP_KEYS);
        Path base = baseDirectory(source);

        YamlMapping server = top.mapping("server", SERVER_KEYS);
        int eventLoops = server.integer("event-loops", 0, 0, 1024);
        Path root = path(server, "root", DEFAULT_ROOT, base);
        Path usersFile = path(server, "users-file", DEFAULT_USERS_FILE, base);

        LimitsConfig limits = limits(top.mapping("limits", LIMITS_KEYS));
        List<ListenerConfig> listeners = listeners(top, base);
        return new WharfConfig(source, eventLoops, root, usersFile, limits, listeners);
    }

    private static LimitsConfig limits(YamlMapping limits) throws ConfigException {
        LimitsConfig defaults = LimitsConfig.defaults();
        return new LimitsConfig(
                limits.integer("max-sessions", defaults.maxSessions(), 1, Integer.MAX_VALUE),
                limits.duration("idle-timeout", defaults.idleTimeout()),
                limits.duration("login-timeout", defaults.loginTimeout()),
                limits.duration("data-connect-timeout", defaults.dataConnectTimeout()),
                limits.integer("max-command-line", defaults.maxCommandLineBytes(), 512, 1_048_576));
    }

    private static List<ListenerConfig> listeners(YamlMapping top, Path base) throws ConfigException {
        List<Node> items = top.list("listeners");
        if (items == null) {
            return List.of(listener(YamlMapping.of(top.file(), "listeners[0]", null, LISTENER_KEYS), 0, base));
        }
        if (items.isEmpty()) {
            throw top.error("listeners", "expected at least one listener");
        }
        List<ListenerConfig> listeners = new ArrayList<>(items.size());
        Set<String> names = new HashSet<>();
        Map<String, String> endpoints = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            YamlMapping item = YamlMapping.of(top.file(), top.path("listeners") + "[" + i + "]", items.get(i),
                    LISTENER_KEYS);
            ListenerConfig listener = listener(item, i, base);
            if (!names.add(listener.name())) {
                throw item.error("name", "duplicate listener name " + YamlDocument.quote(listener.name()));
            }
            String other = listener.port() == 0 ? null : endpoints.putIfAbsent(WharfConfig.endpoint(listener),
                    listener.name());
            if (other != null) {
                throw item.error("port", listener.port() + " on " + listener.address()
                        + " is already used by listener " + YamlDocument.quote(other));
            }
            listeners.add(listener);
        }
        return listeners;
    }

    private static ListenerConfig listener(YamlMapping item, int index, Path base) throws ConfigException {
        String defaultName = index == 0 ? DEFAULT_LISTENER_NAME : DEFAULT_LISTENER_NAME + "-" + (index + 1);
        String name = item.nonEmptyString("name", defaultName);
        if (!LISTENER_NAME.matcher(name).matches()) {
            throw item.error("name", YamlDocument.quote(name)
                    + " is not a valid listener name (use 1 to 64 of A-Z a-z 0-9 . _ -)");
        }
        String address = item.nonEmptyString("address", DEFAULT_ADDRESS);
        int port = item.integer("port", DEFAULT_PORT, 0, 65535);
        PassiveConfig passive = passive(item.mapping("passive", PASSIVE_KEYS));
        ActiveConfig active = active(item.mapping("active", ACTIVE_KEYS), passive.ports());
        return new ListenerConfig(name, address, port, passive, active, tls(item, base));
    }

    /**
     * @param listener the listener whose {@code tls} key to read
     * @return the TLS settings, or {@code null} if {@code tls} is absent or null
     */
    private static TlsConfig tls(YamlMapping listener, Path base) throws ConfigException {
        if (listener.value("tls") == null) {
            return null;
        }
        YamlMapping tls = listener.mapping("tls", TLS_KEYS);
        boolean implicit = tls.bool("implicit", false);
        Path certificate = optionalPath(tls, "certificate", base);
        Path privateKey = optionalPath(tls, "private-key", base);
        Path keystore = optionalPath(tls, "keystore", base);
        String keystorePassword = tls.string("keystore-password", null);
        if (certificate != null && keystore != null) {
            throw tls.error("keystore", "certificate and keystore are exclusive");
        }
        if (privateKey != null && certificate == null) {
            throw tls.error("private-key", "given without certificate");
        }
        if (keystorePassword != null && keystore == null) {
            throw tls.error("keystore-password", "given without keystore");
        }
        if (certificate == null && keystore == null) {
            throw listener.error("tls", "needs certificate (and private-key) or keystore");
        }
        TlsRequirement require = tls.choice("require", TlsConfig.DEFAULT_REQUIRE);
        SessionReuse sessionReuse = tls.choice("session-reuse", TlsConfig.DEFAULT_SESSION_REUSE);
        Node protocolsNode = tls.value("protocols");
        List<String> protocols = protocolsNode == null
                ? TlsConfig.DEFAULT_PROTOCOLS
                : protocols(tls.file(), tls.path("protocols"), protocolsNode);
        Node suitesNode = tls.value("cipher-suites");
        List<String> cipherSuites = suitesNode == null
                ? List.of()
                : cipherSuites(tls.file(), tls.path("cipher-suites"), suitesNode);
        boolean allowCcc = tls.bool("allow-ccc", false);
        return new TlsConfig(implicit, certificate, privateKey, keystore, keystorePassword, require, sessionReuse,
                protocols, cipherSuites, allowCcc);
    }

    private static List<String> protocols(String file, String key, Node node) throws ConfigException {
        List<CommaList.Item> items = CommaList.items(file, key, node, "a protocol such as TLSv1.3");
        if (items.isEmpty()) {
            throw new ConfigException(file, YamlDocument.line(node), key, "expected at least one protocol");
        }
        List<String> protocols = new ArrayList<>();
        for (CommaList.Item item : items) {
            if (!TlsConfig.SUPPORTED_PROTOCOLS.contains(item.text())) {
                String problem = YamlDocument.quote(item.text()) + " is not a supported protocol (use "
                        + TlsConfig.supportedProtocols() + ")";
                throw new ConfigException(file, item.line(), item.key(), problem);
            }
            addOnce(file, protocols, item);
        }
        return List.copyOf(protocols);
    }

    private static List<String> cipherSuites(String file, String key, Node node) throws ConfigException {
        List<String> suites = new ArrayList<>();
        for (CommaList.Item item : CommaList.items(file, key, node, "a cipher suite such as TLS_AES_128_GCM_SHA256")) {
            if (!TlsConfig.CIPHER_SUITE.matcher(item.text()).matches()) {
                String problem = YamlDocument.quote(item.text())
                        + " is not a cipher suite name (use e.g. TLS_AES_128_GCM_SHA256)";
                throw new ConfigException(file, item.line(), item.key(), problem);
            }
            addOnce(file, suites, item);
        }
        return List.copyOf(suites);
    }

    private static void addOnce(String file, List<String> values, CommaList.Item item) throws ConfigException {
        if (values.contains(item.text())) {
            throw new ConfigException(file, item.line(), item.key(), YamlDocument.quote(item.text()) + " is repeated");
        }
        values.add(item.text());
    }

    private static PassiveConfig passive(YamlMapping passive) throws ConfigException {
        Node portsNode = passive.value("ports");
        List<PortRange> ports = portsNode == null
                ? List.of(DEFAULT_PASSIVE_PORTS)
                : PortRangeParser.parse(passive.file(), passive.path("ports"), portsNode);
        String advertisedAddress = passive.nonEmptyString("advertised-address", null);
        if (advertisedAddress != null) {
            String problem = PassiveConfig.advertisedAddressProblem(advertisedAddress);
            if (problem != null) {
                throw passive.error("advertised-address", problem);
            }
        }
        Duration refresh = advertisedAddressRefresh(passive, advertisedAddress);
        Node networksNode = passive.value("local-networks");
        List<Cidr> localNetworks = networksNode == null
                ? List.of()
                : networks(passive.file(), passive.path("local-networks"), networksNode);
        return new PassiveConfig(ports, advertisedAddress, refresh, localNetworks);
    }

    /**
     * Set explicitly, the refresh must have a host name to act on: a key that changes nothing would only mislead, as
     * {@code keystore-password} without {@code keystore} would.
     */
    private static Duration advertisedAddressRefresh(YamlMapping passive, String advertisedAddress)
            throws ConfigException {
        String key = "advertised-address-refresh";
        Duration refresh = passive.durationOrOff(key, PassiveConfig.DEFAULT_ADVERTISED_ADDRESS_REFRESH,
                MIN_ADVERTISED_ADDRESS_REFRESH);
        if (passive.value(key) != null) {
            if (advertisedAddress == null) {
                throw passive.error(key, "given without advertised-address (it applies only to a host name there)");
            }
            if (!PassiveConfig.isHostName(advertisedAddress)) {
                throw passive.error(key, "given with the IP address " + advertisedAddress
                        + " in advertised-address (it applies only to a host name there)");
            }
        }
        return refresh;
    }

    private static List<Cidr> networks(String file, String key, Node node) throws ConfigException {
        List<Cidr> networks = new ArrayList<>();
        for (CommaList.Item item : CommaList.items(file, key, node, "a network such as 10.0.0.0/8")) {
            try {
                networks.add(Cidr.parse(item.text()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file, item.line(), item.key(), e.getMessage(), e);
            }
        }
        return List.copyOf(networks);
    }

    private static ActiveConfig active(YamlMapping active, List<PortRange> passivePorts) throws ConfigException {
        ActiveConfig defaults = ActiveConfig.defaults();
        boolean enabled = active.bool("enabled", defaults.enabled());
        boolean allowForeignAddresses = active.bool("allow-foreign-addresses", defaults.allowForeignAddresses());
        Node sourcePortsNode = active.value("source-ports");
        List<PortRange> sourcePorts = sourcePortsNode == null
                ? defaults.sourcePorts()
                : PortRangeParser.parse(active.file(), active.path("source-ports"), sourcePortsNode, passivePorts,
                        "passive port range");
        return new ActiveConfig(enabled, allowForeignAddresses, sourcePorts);
    }

    private static Path path(YamlMapping section, String key, String defaultValue, Path base) throws ConfigException {
        Path path = optionalPath(section, key, base);
        return path != null ? path : base.resolve(Path.of(defaultValue)).normalize();
    }

    /**
     * @return the path at {@code key} resolved against {@code base}, or {@code null} if it is absent or null
     */
    private static Path optionalPath(YamlMapping section, String key, Path base) throws ConfigException {
        String text = section.nonEmptyString(key, null);
        if (text == null) {
            return null;
        }
        try {
            return base.resolve(Path.of(text)).normalize();
        } catch (InvalidPathException e) {
            throw section.error(key, YamlDocument.quote(text) + " is not a valid path (" + e.getReason() + ")");
        }
    }

    private static Path baseDirectory(Path source) {
        // Absolute so that the server's view of the paths cannot change with its working directory.
        if (source == null) {
            return Path.of("").toAbsolutePath();
        }
        Path parent = source.toAbsolutePath().getParent();
        return parent == null ? source.toAbsolutePath() : parent;
    }
}
