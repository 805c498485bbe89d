package io.wharf.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    /** A relative source, so expected messages read exactly as an operator would see them. */
    private static final Path SOURCE = Path.of("wharf.yaml");

    @TempDir
    Path dir;

    @Test
    void loadsEveryField() throws Exception {
        Path file = write("""
                server:
                  event-loops: 4
                  root: files
                  users-file: /etc/wharf/users.yaml
                limits:
                  max-sessions: 500
                  idle-timeout: 5m
                  login-timeout: 20
                  data-connect-timeout: 1500ms
                  max-command-line: 8192
                listeners:
                  - name: internal
                    address: 10.0.0.5
                    port: 21
                    passive:
                      ports: 50000-50009, 50100
                      advertised-address: 203.0.113.10
                  - address: ftp.example.com
                    port: 0
                    passive:
                      ports: [41000-41001, "42000"]
                """);

        WharfConfig config = ConfigLoader.load(file);

        assertEquals(file, config.source());
        assertEquals(4, config.eventLoops());
        assertEquals(dir.toAbsolutePath().resolve("files"), config.rootDirectory());
        assertEquals(Path.of("/etc/wharf/users.yaml"), config.usersFile());
        assertEquals(new LimitsConfig(500, Duration.ofMinutes(5), Duration.ofSeconds(20), Duration.ofMillis(1500),
                8192), config.limits());
        PassiveConfig internal = new PassiveConfig(
                List.of(new PortRange(50000, 50009), new PortRange(50100, 50100)), "203.0.113.10");
        PassiveConfig second = new PassiveConfig(
                List.of(new PortRange(41000, 41001), new PortRange(42000, 42000)), null);
        assertEquals(List.of(
                new ListenerConfig("internal", "10.0.0.5", 21, internal),
                new ListenerConfig("ftp-2", "ftp.example.com", 0, second)), config.listeners());
        assertEquals(11, internal.size());
        assertEquals(3, second.size());
    }

    @Test
    void emptyFileIsAllDefaults() throws Exception {
        Path file = write("");

        WharfConfig config = ConfigLoader.load(file);

        assertEquals(file, config.source());
        assertEquals(0, config.eventLoops());
        assertEquals(dir.toAbsolutePath().resolve("wharf-data/files"), config.rootDirectory());
        assertEquals(dir.toAbsolutePath().resolve("wharf-data/users.yaml"), config.usersFile());
        assertEquals(new LimitsConfig(10_000, Duration.ofSeconds(300), Duration.ofSeconds(60),
                Duration.ofSeconds(30), 4096), config.limits());
        assertEquals(LimitsConfig.defaults(), config.limits());
        assertEquals(List.of(new ListenerConfig("ftp", "127.0.0.1", 2121,
                new PassiveConfig(List.of(new PortRange(30000, 30999)), null))), config.listeners());
        assertEquals(1000, config.listeners().get(0).passive().size());
    }

    @Test
    void commentsAndEmptySectionsAreDefaultsToo() throws Exception {
        WharfConfig empty = ConfigLoader.parse("", SOURCE);

        assertEquals(empty, ConfigLoader.parse("# nothing here\n", SOURCE));
        assertEquals(empty, ConfigLoader.parse("---\n", SOURCE));
        assertEquals(empty, ConfigLoader.parse("server:\nlimits: ~\nlisteners: null\n", SOURCE));
    }

    @Test
    void missingKeysTakeTheirDefaults() throws Exception {
        WharfConfig config = ConfigLoader.parse("""
                limits:
                  idle-timeout: 1h
                listeners:
                  - port: 2200
                    passive:
                      advertised-address: 198.51.100.1
                """, SOURCE);

        LimitsConfig defaults = LimitsConfig.defaults();
        assertEquals(new LimitsConfig(defaults.maxSessions(), Duration.ofHours(1), defaults.loginTimeout(),
                defaults.dataConnectTimeout(), defaults.maxCommandLineBytes()), config.limits());
        assertEquals(List.of(new ListenerConfig("ftp", "127.0.0.1", 2200,
                new PassiveConfig(List.of(new PortRange(30000, 30999)), "198.51.100.1"))), config.listeners());
        assertEquals(0, config.eventLoops());
    }

    @Test
    void parseWithoutSourceResolvesAgainstWorkingDirectory() throws Exception {
        WharfConfig config = ConfigLoader.parse("server:\n  root: data\n", null);

        assertNull(config.source());
        assertEquals(Path.of("data").toAbsolutePath(), config.rootDirectory());
        assertError("<inline>:1: server: expected a mapping", () -> ConfigLoader.parse("server: 5\n", null));
    }

    @Test
    void wrongTypes() {
        assertParseError("limits:\n  max-sessions: many\n",
                "wharf.yaml:2: limits.max-sessions: expected an integer, got \"many\"");
        assertParseError("limits:\n  max-command-line: 1.5\n",
                "wharf.yaml:2: limits.max-command-line: expected an integer, got \"1.5\"");
        assertParseError("server:\n  event-loops: [1, 2]\n",
                "wharf.yaml:2: server.event-loops: expected an integer, got a list");
        assertParseError("\n\nserver: yes\n", "wharf.yaml:3: server: expected a mapping");
        assertParseError("listeners:\n  name: ftp\n", "wharf.yaml:2: listeners: expected a list");
        assertParseError("listeners:\n  - ftp\n", "wharf.yaml:2: listeners[0]: expected a mapping");
        assertParseError("listeners:\n  - address: {a: 1}\n",
                "wharf.yaml:2: listeners[0].address: expected a string, got a mapping");
        assertParseError("- server\n", "wharf.yaml:1: expected a mapping");
    }

    @Test
    void unknownKeys() {
        assertParseError("server: {}\nlimit:\n  max-sessions: 5\n",
                "wharf.yaml:2: limit: unknown key (expected one of: server, limits, listeners)");
        assertParseError("limits:\n  max-sessions: 5\n  idle-timout: 5s\n",
                "wharf.yaml:3: limits.idle-timout: unknown key (expected one of: max-sessions, idle-timeout, "
                        + "login-timeout, data-connect-timeout, max-command-line)");
        assertParseError("listeners:\n  - name: a\n  - name: b\n    passive:\n      port: 40000\n",
                "wharf.yaml:5: listeners[1].passive.port: unknown key "
                        + "(expected one of: ports, advertised-address, advertised-address-refresh, local-networks)");
    }

    @Test
    void duplicateKeys() {
        assertParseError("limits:\n  max-sessions: 5\n  max-sessions: 6\n",
                "wharf.yaml:3: limits.max-sessions: duplicate key");
        assertParseError("listeners:\n  - name: a\n  - port: 21\n    name: a\n",
                "wharf.yaml:4: listeners[1].name: duplicate listener name \"a\"");
        assertParseError("listeners:\n  - name: ftp-2\n  - port: 21\n",
                "wharf.yaml:3: listeners[1].name: duplicate listener name \"ftp-2\"");
    }

    @Test
    void duplicateAddressAndPort() throws Exception {
        assertParseError("listeners:\n  - name: a\n  - name: b\n",
                "wharf.yaml:3: listeners[1].port: 2121 on 127.0.0.1 is already used by listener \"a\"");
        assertParseError("listeners:\n  - {name: a, address: FTP.example.com, port: 21}\n  - name: b\n"
                        + "  - name: c\n    address: ftp.EXAMPLE.com\n    port: 21\n",
                "wharf.yaml:6: listeners[2].port: 21 on ftp.EXAMPLE.com is already used by listener \"a\"");

        WharfConfig config = ConfigLoader.parse("listeners:\n  - {name: a, port: 0}\n  - {name: b, port: 0}\n"
                + "  - {name: c, port: 21}\n  - {name: d, port: 21, address: 0.0.0.0}\n", SOURCE);
        assertEquals(List.of("a", "b", "c", "d"), config.listeners().stream().map(ListenerConfig::name).toList());

        PassiveConfig passive = new PassiveConfig(List.of(new PortRange(30000, 30999)), null);
        List<ListenerConfig> clash = List.of(new ListenerConfig("a", "::", 21, passive),
                new ListenerConfig("b", "::", 21, passive));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WharfConfig(null, 0, Path.of("/srv"), Path.of("/srv/users.yaml"), LimitsConfig.defaults(),
                        clash));
        assertEquals("listener b: port 21 on :: is used by another listener", e.getMessage());
    }

    @Test
    void valuesOutOfRange() {
        assertParseError("listeners:\n  - name: ftp\n    port: 70000\n",
                "wharf.yaml:3: listeners[0].port: 70000 is out of range 0-65535");
        assertParseError("listeners:\n  - port: -1\n", "wharf.yaml:2: listeners[0].port: -1 is out of range 0-65535");
        assertParseError("server:\n  event-loops: 99999999999999999999\n",
                "wharf.yaml:2: server.event-loops: 99999999999999999999 is out of range 0-1024");
        assertParseError("limits:\n  max-sessions: 0\n",
                "wharf.yaml:2: limits.max-sessions: 0 is out of range 1-2147483647");
        assertParseError("limits:\n  max-command-line: 100\n",
                "wharf.yaml:2: limits.max-command-line: 100 is out of range 512-1048576");
        assertParseError("listeners: []\n", "wharf.yaml:1: listeners: expected at least one listener");
        assertParseError("listeners:\n  - name: my ftp\n",
                "wharf.yaml:2: listeners[0].name: \"my ftp\" is not a valid listener name "
                        + "(use 1 to 64 of A-Z a-z 0-9 . _ -)");
        assertParseError("listeners:\n  - address: ''\n", "wharf.yaml:2: listeners[0].address: must not be empty");
    }

    @Test
    void badDurations() {
        assertParseError("limits:\n  idle-timeout: 5 minutes\n",
                "wharf.yaml:2: limits.idle-timeout: \"5 minutes\" is not a duration (use e.g. 30s, 5m, 1h)");
        assertParseError("limits:\n  login-timeout: -5s\n",
                "wharf.yaml:2: limits.login-timeout: \"-5s\" is not a duration (use e.g. 30s, 5m, 1h)");
        assertParseError("limits:\n  data-connect-timeout: 0s\n",
                "wharf.yaml:2: limits.data-connect-timeout: \"0s\" is out of range 1ms-8760h");
        assertParseError("limits:\n  idle-timeout: 9000h\n",
                "wharf.yaml:2: limits.idle-timeout: \"9000h\" is out of range 1ms-8760h");
    }

    @Test
    void badPassivePorts() {
        assertParseError(listenerWithPorts("40000-40099, 40050-40150"),
                "wharf.yaml:4: listeners[0].passive.ports: \"40050-40150\" overlaps \"40000-40099\"");
        assertParseError(listenerWithPorts("\n        - 40000-40099\n        - 40099"),
                "wharf.yaml:6: listeners[0].passive.ports[1]: \"40099\" overlaps \"40000-40099\"");
        assertParseError(listenerWithPorts("40100-40000"),
                "wharf.yaml:4: listeners[0].passive.ports: \"40100-40000\" is not a port range (first > last)");
        assertParseError(listenerWithPorts("80-90"),
                "wharf.yaml:4: listeners[0].passive.ports: 80 is out of range 1024-65535");
        assertParseError(listenerWithPorts("40000-70000"),
                "wharf.yaml:4: listeners[0].passive.ports: 70000 is out of range 1024-65535");
        assertParseError(listenerWithPorts("lots"),
                "wharf.yaml:4: listeners[0].passive.ports: \"lots\" is not a port range (use e.g. 40000-40099)");
        assertParseError(listenerWithPorts("[]"),
                "wharf.yaml:4: listeners[0].passive.ports: expected at least one port range");
        assertParseError(listenerWithPorts("{first: 1}"),
                "wharf.yaml:4: listeners[0].passive.ports: expected a port range such as 40000-40099, got a mapping");
    }

    @Test
    void invalidYaml() {
        ConfigException e = assertParseError("server:\n  root: [a, b\nlimits: {}\n",
                "wharf.yaml:3: invalid YAML: expected ',' or ']', but got :");
        assertEquals("wharf.yaml", e.file());
        assertEquals(3, e.line());
        assertNull(e.key());
        assertParseError("server:\n  root: a: b\n", "wharf.yaml:2: invalid YAML: mapping values are not allowed here");
        assertParseError("a: 1\n---\nb: 2\n", "wharf.yaml:2: invalid YAML: but found another document");
        assertParseError("server:\n  root: \u0001\n",
                "wharf.yaml:2: invalid YAML: unacceptable code point 0x1 (special characters are not allowed)");
    }

    @Test
    void errorExposesItsParts() {
        ConfigException e = assertParseError("listeners:\n  - port: 70000\n",
                "wharf.yaml:2: listeners[0].port: 70000 is out of range 0-65535");
        assertEquals("wharf.yaml", e.file());
        assertEquals(2, e.line());
        assertEquals("listeners[0].port", e.key());
        assertEquals("70000 is out of range 0-65535", e.problem());
    }

    @Test
    void missingFile() {
        Path missing = dir.resolve("missing.yaml");

        ConfigException e = assertError(missing + ": file not found", () -> ConfigLoader.load(missing));
        assertEquals(missing.toString(), e.file());
        assertEquals(0, e.line());
        assertNull(e.key());
    }

    @Test
    void fileThatIsNotUtf8() throws IOException {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, "server:\n  root: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        assertError(file + ": not valid UTF-8", () -> ConfigLoader.load(file));
    }

    @Test
    void exampleFileLoads() throws Exception {
        Path example = Path.of("..", "wharf.example.yaml");

        WharfConfig config = ConfigLoader.load(example);

        WharfConfig defaults = ConfigLoader.parse("", example);
        assertEquals(defaults, config);
    }

    private static String listenerWithPorts(String ports) {
        return "listeners:\n  - name: ftp\n    passive:\n      ports: " + ports + "\n";
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("wharf.yaml"), yaml);
    }

    private static ConfigException assertParseError(String yaml, String expectedMessage) {
        return assertError(expectedMessage, () -> ConfigLoader.parse(yaml, SOURCE));
    }

    private static ConfigException assertError(String expectedMessage, Loading loading) {
        ConfigException e = assertThrows(ConfigException.class, loading::run);
        assertEquals(expectedMessage, e.getMessage());
        return e;
    }

    @FunctionalInterface
    private interface Loading {
        void run() throws ConfigException;
    }
}
