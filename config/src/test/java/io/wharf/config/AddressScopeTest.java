package io.wharf.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressScopeTest {

    @ParameterizedTest
    @CsvSource({
        "0.0.0.0, UNSPECIFIED", "0.1.2.3, UNSPECIFIED", "::, UNSPECIFIED",
        "127.0.0.1, LOOPBACK", "127.255.0.9, LOOPBACK", "::1, LOOPBACK", "::ffff:127.0.0.1, LOOPBACK",
        "169.254.10.1, LINK_LOCAL", "fe80::1, LINK_LOCAL",
        "10.1.2.3, PRIVATE", "172.16.0.1, PRIVATE", "172.31.255.255, PRIVATE", "192.168.1.20, PRIVATE",
        "100.64.0.1, PRIVATE", "fd12:3456::1, PRIVATE", "::ffff:192.168.0.1, PRIVATE",
        "192.0.2.10, RESERVED", "198.51.100.1, RESERVED", "203.0.113.10, RESERVED", "198.18.0.1, RESERVED",
        "224.0.0.1, RESERVED", "255.255.255.255, RESERVED", "2001:db8::1, RESERVED",
        "8.8.8.8, PUBLIC", "172.32.0.1, PUBLIC", "100.128.0.1, PUBLIC", "2a00:1450::1, PUBLIC",
    })
    void classifiesBySpecialPurposeRegistries(String literal, AddressScope expected) throws UnknownHostException {
        assertEquals(expected, AddressScope.of(InetAddress.getByName(literal)), literal);
    }

    @Test
    void reachabilityFollowsWhereTheOtherSideIs() {
        assertTrue(AddressScope.PUBLIC.reachableFrom(AddressScope.PRIVATE));
        assertTrue(AddressScope.PUBLIC.reachableFrom(AddressScope.PUBLIC));
        assertFalse(AddressScope.PRIVATE.reachableFrom(AddressScope.PUBLIC));
        assertTrue(AddressScope.PRIVATE.reachableFrom(AddressScope.PRIVATE));
        assertFalse(AddressScope.LOOPBACK.reachableFrom(AddressScope.PRIVATE));
        assertTrue(AddressScope.LOOPBACK.reachableFrom(AddressScope.LOOPBACK));
        assertFalse(AddressScope.RESERVED.reachableFrom(AddressScope.LOOPBACK));
        assertFalse(AddressScope.UNSPECIFIED.reachableFrom(AddressScope.PUBLIC));
        assertTrue(AddressScope.PUBLIC.internetRoutable());
        assertFalse(AddressScope.PRIVATE.internetRoutable());
    }
}
