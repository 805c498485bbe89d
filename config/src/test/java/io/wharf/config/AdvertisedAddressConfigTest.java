package io.wharf.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code passive.advertised-address} (literal or host name) and {@code passive.advertised-address-refresh}. */
class AdvertisedAddressConfigTest {

    private static final Path SOURCE = Path.of("wharf.yaml");
    private static final List<PortRange> DEFAULT_PASSIVE = List.of(new PortRange(30000, 30999));

    @Test
    void hostNameRefreshesEverySixtySecondsByDefault() throws Exception {
        PassiveConfig passive = passive("advertised-address: ftp.example.com\n");

        assertEquals("ftp.example.com", passive.advertisedAddress());
        assertTrue(passive.advertisesHostName());
        assertEquals(Duration.ofSeconds(60), passive.advertisedAddressRefresh());
        assertEquals(new PassiveConfig(DEFAULT_PASSIVE, "ftp.example.com"), passive);
    }

    @Test
    void refreshTakesTheLoadersDurationsOrOff() throws Exception {
        assertEquals(Duration.ofMinutes(5),
                passive("advertised-address: ftp.example.com\n      advertised-address-refresh: 5m\n")
                        .advertisedAddressRefresh());
        assertEquals(Duration.ofSeconds(90),
                passive("advertised-address: ftp.example.com\n      advertised-address-refresh: 90\n")
                        .advertisedAddressRefresh());
        assertEquals(Duration.ofMillis(1500),
                passive("advertised-address: dyn.example.net\n      advertised-address-refresh: 1500ms\n")
                        .advertisedAddressRefresh());
        PassiveConfig off = passive("advertised-address: ftp.example.com\n      advertised-address-refresh: off\n");
        assertNull(off.advertisedAddressRefresh());
        assertEquals(new PassiveConfig(DEFAULT_PASSIVE, "ftp.example.com", null, List.of()), off);
        assertEquals(Duration.ofSeconds(60),
                passive("advertised-address: ftp.example.com\n      advertised-address-refresh: null\n")
                        .advertisedAddressRefresh());
    }

    @Test
    void literalsAreNotHostNames() throws Exception {
        PassiveConfig literal = passive("advertised-address: 203.0.113.10\n");

        assertFalse(literal.advertisesHostName());
        assertFalse(passive("").advertisesHostName());
        assertTrue(passive("advertised-address: 1.example\n").advertisesHostName());
    }

    @Test
    void badRefreshValuesNameFileLineAndKey() {
        String host = "listeners:\n  - name: ftp\n    passive:\n      advertised-address: ftp.example.com\n"
                + "      advertised-address-refresh: ";
        assertParseError(host + "soon\n", "wharf.yaml:5: listeners[0].passive.advertised-address-refresh: \"soon\" is"
                + " not a duration or off (use e.g. 30s, 5m, 1h, off)");
        assertParseError(host + "0\n", "wharf.yaml:5: listeners[0].passive.advertised-address-refresh: \"0\" is out"
                + " of range 1s-8760h (or off)");
        assertParseError(host + "500ms\n", "wharf.yaml:5: listeners[0].passive.advertised-address-refresh: \"500ms\""
                + " is out of range 1s-8760h (or off)");
        assertParseError(host + "false\n", "wharf.yaml:5: listeners[0].passive.advertised-address-refresh:"
                + " \"false\" is not a duration or off (use e.g. 30s, 5m, 1h, off)");
        assertParseError(host + "[60s]\n", "wharf.yaml:5: listeners[0].passive.advertised-address-refresh: expected"
                + " a duration or off, got a list");
    }

    @Test
    void refreshWithoutAHostNameIsAnError() {
        assertParseError("listeners:\n  - name: ftp\n    passive:\n      advertised-address: 203.0.113.10\n"
                        + "      advertised-address-refresh: 60s\n",
                "wharf.yaml:5: listeners[0].passive.advertised-address-refresh: given with the IP address "
                        + "203.0.113.10 in advertised-address (it applies only to a host name there)");
        assertParseError("listeners:\n  - name: ftp\n    passive:\n      advertised-address-refresh: off\n",
                "wharf.yaml:4: listeners[0].passive.advertised-address-refresh: given without advertised-address "
                        + "(it applies only to a host name there)");
    }

    @Test
    void advertisedAddressMustFitA227Reply() {
        String prefix = "listeners:\n  - name: ftp\n    passive:\n      advertised-address: ";
        assertParseError(prefix + "\"2001:db8::10\"\n", "wharf.yaml:4: listeners[0].passive.advertised-address:"
                + " \"2001:db8::10\" is not an IPv4 address or host name: the 227 reply to PASV can carry only IPv4"
                + " (EPSV replies carry no address, so IPv6 clients need no advertised address)");
        assertParseError(prefix + "203.0.113.300\n", "wharf.yaml:4: listeners[0].passive.advertised-address:"
                + " \"203.0.113.300\" is not an IPv4 address (use four numbers 0-255, e.g. 203.0.113.10)");
        assertParseError(prefix + "10.1\n", "wharf.yaml:4: listeners[0].passive.advertised-address:"
                + " \"10.1\" is not an IPv4 address (use four numbers 0-255, e.g. 203.0.113.10)");
    }

    @Test
    void recordChecksWhatTheLoaderChecks() {
        assertThrows(IllegalArgumentException.class, () -> new PassiveConfig(DEFAULT_PASSIVE, "::1"));
        assertThrows(IllegalArgumentException.class, () -> new PassiveConfig(DEFAULT_PASSIVE, ""));
        assertThrows(IllegalArgumentException.class,
                () -> new PassiveConfig(DEFAULT_PASSIVE, "ftp.example.com", Duration.ZERO, List.of()));
    }

    private static PassiveConfig passive(String lines) throws ConfigException {
        String yaml = "listeners:\n  - name: ftp\n    passive:\n" + (lines.isEmpty() ? "" : "      " + lines);
        return ConfigLoader.parse(yaml, SOURCE).listeners().get(0).passive();
    }

    private static void assertParseError(String yaml, String expectedMessage) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, SOURCE));
        assertEquals(expectedMessage, e.getMessage());
    }
}
