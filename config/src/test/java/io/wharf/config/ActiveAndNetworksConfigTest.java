package io.wharf.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The {@code passive.local-networks} and {@code active} keys of a listener, and the records they load into. */
class ActiveAndNetworksConfigTest {

    private static final Path SOURCE = Path.of("wharf.yaml");
    private static final List<PortRange> DEFAULT_PASSIVE = List.of(new PortRange(30000, 30999));

    @Test
    void loadsEveryNewKey() throws Exception {
        WharfConfig config = ConfigLoader.parse("""
                listeners:
                  - name: ftp
                    passive:
                      ports: 30000-30999
                      advertised-address: 203.0.113.10
                      local-networks: [10.0.0.0/8, 192.168.0.0/16, fd00::/8]
                    active:
                      enabled: false
                      allow-foreign-addresses: true
                      source-ports: 20000-20009, 20100
                  - name: lan
                    port: 2122
                    passive:
                      ports: 31000-31009
                      local-networks: 172.16.0.0/12, 10.1.2.3/8
                    active:
                      enabled: TRUE
                      allow-foreign-addresses: False
                      source-ports:
                        - 21000-21009
                        - "21100"
                """, SOURCE);

        PassiveConfig passive = new PassiveConfig(DEFAULT_PASSIVE, "203.0.113.10",
                cidrs("10.0.0.0/8", "192.168.0.0/16", "fd00::/8"));
        ActiveConfig active = new ActiveConfig(false, true,
                List.of(new PortRange(20000, 20009), new PortRange(20100, 20100)));
        PassiveConfig lanPassive = new PassiveConfig(List.of(new PortRange(31000, 31009)), null,
                cidrs("172.16.0.0/12", "10.0.0.0/8"));
        ActiveConfig lanActive = new ActiveConfig(true, false,
                List.of(new PortRange(21000, 21009), new PortRange(21100, 21100)));
        assertEquals(List.of(
                new ListenerConfig("ftp", "127.0.0.1", 2121, passive, active),
                new ListenerConfig("lan", "127.0.0.1", 2122, lanPassive, lanActive)), config.listeners());
        assertEquals("[10.0.0.0/8, 192.168.0.0/16, fd00::/8]",
                config.listeners().get(0).passive().localNetworks().toString());
    }

    @Test
    void defaultsWhenAbsent() throws Exception {
        ListenerConfig expected = new ListenerConfig("ftp", "127.0.0.1", 2121, new PassiveConfig(DEFAULT_PASSIVE, null),
                ActiveConfig.defaults());

        for (String yaml : List.of("", "listeners:\n  - name: ftp\n", "listeners:\n  - active:\n",
                "listeners:\n  - active: {}\n    passive: {}\n",
                "listeners:\n  - passive:\n      local-networks: ~\n    active:\n      source-ports: null\n"
                        + "      enabled: null\n      allow-foreign-addresses:\n",
                "listeners:\n  - passive:\n      local-networks: []\n")) {
            WharfConfig config = ConfigLoader.parse(yaml, SOURCE);
            assertEquals(List.of(expected), config.listeners(), yaml);
        }
        ActiveConfig defaults = ActiveConfig.defaults();
        assertTrue(defaults.enabled());
        assertFalse(defaults.allowForeignAddresses());
        assertEquals(List.of(), defaults.sourcePorts());
        assertEquals(List.of(), expected.passive().localNetworks());
    }

    @Test
    void badCidrPrefix() {
        assertParseError("""
                listeners:
                  - passive:
                      local-networks:
                        - 10.0.0.0/8
                        - 10.0.0.0/33
                """, "wharf.yaml:5: listeners[0].passive.local-networks[1]: "
                + "\"10.0.0.0/33\" is not a network (prefix must be 0-32)");
        assertParseError(withNetworks("[192.168.0.0/16, 10.0.0.0/-1]"),
                "wharf.yaml:4: listeners[0].passive.local-networks[1]: "
                        + "\"10.0.0.0/-1\" is not a network (prefix must be 0-32)");
        assertParseError(withNetworks("10.0.0.0/8x"),
                "wharf.yaml:4: listeners[0].passive.local-networks: \"10.0.0.0/8x\" is not a network "
                        + "(prefix must be 0-32)");
    }

    @Test
    void hostNameRejected() {
        assertParseError(withNetworks("lan.example"),
                "wharf.yaml:4: listeners[0].passive.local-networks: \"lan.example\" is not a network "
                        + "(use e.g. 10.0.0.0/8)");
        assertParseError(withNetworks("[10.0.0.0/8, localhost]"),
                "wharf.yaml:4: listeners[0].passive.local-networks[1]: \"localhost\" is not a network "
                        + "(use e.g. 10.0.0.0/8)");
        assertParseError(withNetworks("10.0.0/8"),
                "wharf.yaml:4: listeners[0].passive.local-networks: \"10.0.0/8\" is not a network "
                        + "(use e.g. 10.0.0.0/8)");
    }

    @Test
    void ipv6Networks() throws Exception {
        List<Cidr> networks = networks(withNetworks("fd00::/8, 2001:DB8:0:0::/32, ::1"));

        assertEquals(cidrs("fd00::/8", "2001:db8::/32", "::1/128"), networks);
        assertEquals("[fd00::/8, 2001:db8::/32, ::1/128]", networks.toString());
        assertTrue(networks.get(0).contains(InetAddress.getByName("fd12::5")));
        assertFalse(networks.get(0).contains(InetAddress.getByName("10.0.0.1")));
        assertEquals(cidrs("fd00::/8", "::/0"), networks(withNetworks("[fd00::/8, \"::/0\"]")));
        assertEquals(cidrs("10.0.0.0/8"), networks(withNetworks("::ffff:10.0.0.0/104")));
        assertParseError(withNetworks("[fd00::/129]"),
                "wharf.yaml:4: listeners[0].passive.local-networks[0]: \"fd00::/129\" is not a network "
                        + "(prefix must be 0-128)");
        assertParseError(withNetworks("fe80::1%eth0/64"),
                "wharf.yaml:4: listeners[0].passive.local-networks: \"fe80::1%eth0/64\" is not a network "
                        + "(use e.g. fd00::/8)");
    }

    @Test
    void commaSeparatedForm() throws Exception {
        List<Cidr> expected = cidrs("10.0.0.0/8", "192.168.0.0/16");

        assertEquals(expected, networks(withNetworks("10.0.0.0/8, 192.168.0.0/16")));
        assertEquals(expected, networks(withNetworks("\"10.0.0.0/8 ,192.168.0.0/16\"")));
        assertEquals(expected, networks(withNetworks("[10.0.0.0/8, 192.168.0.0/16]")));
        assertEquals(expected, networks(withNetworks("\n        - 10.0.0.0/8\n        - 192.168.0.0/16")));
        assertEquals(expected, networks(withNetworks("[\"10.0.0.0/8, 192.168.0.0/16\"]")));
        assertEquals(cidrs("10.0.0.0/32"), networks(withNetworks("10.0.0.0")));
        assertParseError(withNetworks("10.0.0.0/8, 192.168.0.0/33"),
                "wharf.yaml:4: listeners[0].passive.local-networks: \"192.168.0.0/33\" is not a network "
                        + "(prefix must be 0-32)");
        assertParseError(withNetworks("10.0.0.0/8,"),
                "wharf.yaml:4: listeners[0].passive.local-networks: \"\" is not a network (use e.g. 10.0.0.0/8)");
        assertParseError(withNetworks("''"),
                "wharf.yaml:4: listeners[0].passive.local-networks: \"\" is not a network (use e.g. 10.0.0.0/8)");
    }

    @Test
    void sourcePortsOverlapPassivePorts() {
        assertParseError(withActive("source-ports: 30050-30060"),
                "wharf.yaml:4: listeners[0].active.source-ports: \"30050-30060\" overlaps passive port range "
                        + "\"30000-30999\"");
        assertParseError("""
                listeners:
                  - passive:
                      ports: 40000-40009, 41000-41009
                    active:
                      source-ports:
                        - 20000-20009
                        - 41009
                """, "wharf.yaml:7: listeners[0].active.source-ports[1]: \"41009\" overlaps passive port range "
                + "\"41000-41009\"");
        assertParseError(withActive("source-ports: 20000-20009, 20005"),
                "wharf.yaml:4: listeners[0].active.source-ports: \"20005\" overlaps \"20000-20009\"");
        assertParseError(withActive("source-ports: 20-21"),
                "wharf.yaml:4: listeners[0].active.source-ports: 20 is out of range 1024-65535");
        assertParseError(withActive("source-ports: []"),
                "wharf.yaml:4: listeners[0].active.source-ports: expected at least one port range");
        assertParseError(withActive("source-ports: any"),
                "wharf.yaml:4: listeners[0].active.source-ports: \"any\" is not a port range (use e.g. 40000-40099)");
    }

    @Test
    void wrongTypes() {
        assertParseError(withActive("enabled: yes"),
                "wharf.yaml:4: listeners[0].active.enabled: expected true or false, got \"yes\"");
        assertParseError(withActive("enabled: 1"),
                "wharf.yaml:4: listeners[0].active.enabled: expected true or false, got \"1\"");
        assertParseError(withActive("allow-foreign-addresses: [true]"),
                "wharf.yaml:4: listeners[0].active.allow-foreign-addresses: expected true or false, got a list");
        assertParseError("listeners:\n  - active: true\n", "wharf.yaml:2: listeners[0].active: expected a mapping");
        assertParseError(withActive("source-ports: {first: 20000}"),
                "wharf.yaml:4: listeners[0].active.source-ports: expected a port range such as 40000-40099, "
                        + "got a mapping");
        assertParseError(withNetworks("{lan: 10.0.0.0/8}"),
                "wharf.yaml:4: listeners[0].passive.local-networks: expected a network such as 10.0.0.0/8, "
                        + "got a mapping");
        assertParseError(withNetworks("[[10.0.0.0/8]]"),
                "wharf.yaml:4: listeners[0].passive.local-networks[0]: expected a network such as 10.0.0.0/8, "
                        + "got a list");
    }

    @Test
    void quotedBooleansAreRead() throws Exception {
        WharfConfig config = ConfigLoader.parse(withActive("enabled: \"false\""), SOURCE);

        assertFalse(config.listeners().get(0).active().enabled());
    }

    @Test
    void unknownKeys() {
        assertParseError(withActive("enable: false"),
                "wharf.yaml:4: listeners[0].active.enable: unknown key "
                        + "(expected one of: enabled, allow-foreign-addresses, source-ports)");
        assertParseError("listeners:\n  - name: ftp\n    actve: {}\n",
                "wharf.yaml:3: listeners[0].actve: unknown key "
                        + "(expected one of: name, address, port, passive, active, tls)");
        assertParseError("listeners:\n  - passive:\n      local-network: 10.0.0.0/8\n",
                "wharf.yaml:3: listeners[0].passive.local-network: unknown key "
                        + "(expected one of: ports, advertised-address, advertised-address-refresh, local-networks)");
    }

    @Test
    void recordsKeepOldConstructorsAndCheckValues() {
        PassiveConfig passive = new PassiveConfig(DEFAULT_PASSIVE, null);
        assertEquals(new PassiveConfig(DEFAULT_PASSIVE, null, List.of()), passive);
        assertEquals(new ListenerConfig("ftp", "::", 21, passive, ActiveConfig.defaults()),
                new ListenerConfig("ftp", "::", 21, passive));

        List<Cidr> networks = new ArrayList<>(cidrs("10.0.0.0/8"));
        PassiveConfig copied = new PassiveConfig(DEFAULT_PASSIVE, null, networks);
        networks.clear();
        assertEquals(cidrs("10.0.0.0/8"), copied.localNetworks());
        assertThrows(UnsupportedOperationException.class, () -> copied.localNetworks().clear());
        assertThrows(NullPointerException.class, () -> new PassiveConfig(DEFAULT_PASSIVE, null, null));
        assertThrows(NullPointerException.class, () -> new ActiveConfig(true, false, null));
        assertThrows(NullPointerException.class, () -> new ListenerConfig("ftp", "::", 21, passive, null));

        IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class,
                () -> new ActiveConfig(true, false, List.of(new PortRange(2000, 2010), new PortRange(2010, 2020))));
        assertEquals("active source ports 2010-2020 overlap 2000-2010", overlap.getMessage());
        ActiveConfig clash = new ActiveConfig(true, false, List.of(new PortRange(30099, 30100)));
        IllegalArgumentException passiveOverlap = assertThrows(IllegalArgumentException.class,
                () -> new ListenerConfig("ftp", "::", 21, passive, clash));
        assertEquals("listener ftp: active source ports 30099-30100 overlap passive ports 30000-30999",
                passiveOverlap.getMessage());
    }

    private static String withNetworks(String networks) {
        return "listeners:\n  - name: ftp\n    passive:\n      local-networks: " + networks + "\n";
    }

    private static String withActive(String entry) {
        return "listeners:\n  - name: ftp\n    active:\n      " + entry + "\n";
    }

    private static List<Cidr> networks(String yaml) throws ConfigException {
        return ConfigLoader.parse(yaml, SOURCE).listeners().get(0).passive().localNetworks();
    }

    private static List<Cidr> cidrs(String... texts) {
        List<Cidr> cidrs = new ArrayList<>();
        for (String text : texts) {
            cidrs.add(Cidr.parse(text));
        }
        return cidrs;
    }

    private static void assertParseError(String yaml, String expectedMessage) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, SOURCE));
        assertEquals(expectedMessage, e.getMessage());
    }
}
