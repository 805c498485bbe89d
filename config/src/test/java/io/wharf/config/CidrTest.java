package io.wharf.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void parsesIpv4() {
        Cidr cidr = Cidr.parse("10.0.0.0/8");

        assertEquals(ip("10.0.0.0"), cidr.network());
        assertInstanceOf(Inet4Address.class, cidr.network());
        assertEquals(8, cidr.prefixLength());
        assertEquals("10.0.0.0/8", cidr.toString());
        assertEquals("192.168.1.0/24", Cidr.parse("192.168.1.0/24").toString());
    }

    @Test
    void parsesIpv6() {
        Cidr cidr = Cidr.parse("fd00::/8");

        assertEquals(ip("fd00::"), cidr.network());
        assertInstanceOf(Inet6Address.class, cidr.network());
        assertEquals(8, cidr.prefixLength());
        assertEquals("fd00::/8", cidr.toString());
        assertEquals(Cidr.parse("FD00:0000:0:0:0:0:0:0/8"), cidr);
        assertEquals("::fffe:0:0/95", Cidr.parse("::ffff:0:0/95").toString());
    }

    @Test
    void bareAddressIsASingleHost() {
        assertEquals(new Cidr(ip("192.0.2.7"), 32), Cidr.parse("192.0.2.7"));
        assertEquals("192.0.2.7/32", Cidr.parse("192.0.2.7").toString());
        assertEquals(new Cidr(ip("2001:db8::7"), 128), Cidr.parse("2001:db8::7"));
        assertEquals("::1/128", Cidr.parse("::1").toString());
    }

    @Test
    void networkIsNormalised() {
        Cidr cidr = Cidr.parse("10.1.2.3/8");

        assertEquals(Cidr.parse("10.0.0.0/8"), cidr);
        assertEquals(ip("10.0.0.0"), cidr.network());
        assertEquals("10.0.0.0/8", cidr.toString());
        assertEquals("192.0.2.4/31", Cidr.parse("192.0.2.5/31").toString());
        assertEquals("172.16.0.0/12", Cidr.parse("172.31.255.255/12").toString());
        assertEquals("0.0.0.0/0", Cidr.parse("203.0.113.9/0").toString());
        assertEquals("2001:db8:abcd::/48", Cidr.parse("2001:db8:abcd:12::1/48").toString());
        assertEquals("2001:db8::/33", Cidr.parse("2001:db8:7fff::/33").toString());
        assertEquals("::/0", Cidr.parse("fe80::1/0").toString());
        // The constructor normalises too, so no Cidr ever has host bits set.
        assertEquals(Cidr.parse("10.0.0.0/8"), new Cidr(ip("10.200.1.1"), 8));
    }

    @Test
    void formatsIpv6AsRfc5952() {
        assertEquals("2001:db8::1:0:0:1/128", Cidr.parse("2001:0DB8:0:0:1:0:0:1/128").toString());
        assertEquals("1:0:0:2::3/128", Cidr.parse("1:0:0:2:0:0:0:3/128").toString());
        assertEquals("1:0:2:3:4:5:6:7/128", Cidr.parse("1:0:2:3:4:5:6:7/128").toString());
        assertEquals("0:1:2:3:4:5:6:7/128", Cidr.parse("::1:2:3:4:5:6:7/128").toString());
        assertEquals("1:2:3:4:5:6:7:8/128", Cidr.parse("1:2:3:4:5:6:7:8").toString());
        assertEquals("::/0", Cidr.parse("::/0").toString());
        assertEquals("64:ff9b::c000:221/128", Cidr.parse("64:ff9b::192.0.2.33/128").toString());
        assertEquals("1:2:3:4:5:6:102:304/128", Cidr.parse("1:2:3:4:5:6:1.2.3.4").toString());
    }

    @Test
    void containsIpv4() {
        Cidr cidr = Cidr.parse("10.0.0.0/8");

        assertTrue(cidr.contains(ip("10.0.0.0")));
        assertTrue(cidr.contains(ip("10.1.2.3")));
        assertTrue(cidr.contains(ip("10.255.255.255")));
        assertFalse(cidr.contains(ip("11.0.0.0")));
        assertFalse(cidr.contains(ip("9.255.255.255")));

        Cidr unaligned = Cidr.parse("172.16.0.0/12");
        assertTrue(unaligned.contains(ip("172.31.255.255")));
        assertFalse(unaligned.contains(ip("172.32.0.0")));
        assertFalse(unaligned.contains(ip("172.15.255.255")));
    }

    @Test
    void containsIpv6() {
        Cidr cidr = Cidr.parse("fd00::/8");

        assertTrue(cidr.contains(ip("fd12:3456::1")));
        assertTrue(cidr.contains(ip("fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")));
        assertFalse(cidr.contains(ip("fc00::1")));
        assertFalse(cidr.contains(ip("fe00::")));

        Cidr unaligned = Cidr.parse("2001:db8::/33");
        assertTrue(unaligned.contains(ip("2001:db8:7fff:ffff:ffff:ffff:ffff:ffff")));
        assertFalse(unaligned.contains(ip("2001:db8:8000::")));
    }

    @Test
    void boundaryPrefixes() {
        Cidr allV4 = Cidr.parse("0.0.0.0/0");
        assertTrue(allV4.contains(ip("0.0.0.0")));
        assertTrue(allV4.contains(ip("255.255.255.255")));

        Cidr allV6 = Cidr.parse("::/0");
        assertTrue(allV6.contains(ip("::")));
        assertTrue(allV6.contains(ip("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")));

        Cidr host = Cidr.parse("192.0.2.1/32");
        assertTrue(host.contains(ip("192.0.2.1")));
        assertFalse(host.contains(ip("192.0.2.0")));
        assertFalse(host.contains(ip("192.0.2.2")));

        Cidr pair = Cidr.parse("192.0.2.4/31");
        assertTrue(pair.contains(ip("192.0.2.4")));
        assertTrue(pair.contains(ip("192.0.2.5")));
        assertFalse(pair.contains(ip("192.0.2.3")));
        assertFalse(pair.contains(ip("192.0.2.6")));

        Cidr host6 = Cidr.parse("2001:db8::1/128");
        assertTrue(host6.contains(ip("2001:db8::1")));
        assertFalse(host6.contains(ip("2001:db8::")));
        assertFalse(host6.contains(ip("2001:db8::2")));

        Cidr pair6 = Cidr.parse("2001:db8::/127");
        assertTrue(pair6.contains(ip("2001:db8::1")));
        assertFalse(pair6.contains(ip("2001:db8::2")));
    }

    @Test
    void mappedIpv4AddressIsMatchedAsIpv4() {
        Cidr lan = Cidr.parse("10.0.0.0/8");

        assertTrue(lan.contains(mapped(10, 1, 2, 3)));
        assertFalse(lan.contains(mapped(11, 1, 2, 3)));
        assertTrue(Cidr.parse("0.0.0.0/0").contains(mapped(198, 51, 100, 1)));
        assertTrue(Cidr.parse("198.51.100.1/32").contains(mapped(198, 51, 100, 1)));
        // Matched as IPv4, so not an IPv6 address at all.
        assertFalse(Cidr.parse("::/0").contains(mapped(10, 1, 2, 3)));
        assertFalse(Cidr.parse("::ffff:0:0/95").contains(mapped(10, 1, 2, 3)));
    }

    @Test
    void mappedIpv4NetworkBecomesIpv4() {
        Cidr cidr = Cidr.parse("::ffff:10.0.0.0/104");

        assertEquals(Cidr.parse("10.0.0.0/8"), cidr);
        assertInstanceOf(Inet4Address.class, cidr.network());
        assertEquals("0.0.0.0/0", Cidr.parse("::ffff:0:0/96").toString());
        assertEquals("192.0.2.1/32", Cidr.parse("::ffff:192.0.2.1").toString());
        assertEquals(Cidr.parse("10.0.0.0/8"), new Cidr(mapped(10, 9, 9, 9), 104));
    }

    @Test
    void otherFamilyIsNeverContained() {
        assertFalse(Cidr.parse("0.0.0.0/0").contains(ip("::1")));
        assertFalse(Cidr.parse("0.0.0.0/0").contains(ip("::")));
        assertFalse(Cidr.parse("::/0").contains(ip("127.0.0.1")));
        // The deprecated IPv4-compatible form ::a.b.c.d is an ordinary IPv6 address.
        assertFalse(Cidr.parse("10.0.0.0/8").contains(ip("::10.0.0.1")));
        assertTrue(Cidr.parse("::/96").contains(ip("::10.0.0.1")));
    }

    @Test
    void scopeIdIsIgnored() throws UnknownHostException {
        byte[] bytes = ip("fe80::1").getAddress();
        Inet6Address scoped = Inet6Address.getByAddress(null, bytes, 3);

        assertTrue(Cidr.parse("fe80::/10").contains(scoped));
        assertEquals(Cidr.parse("fe80::1/128"), new Cidr(scoped, 128));
        assertEquals("fe80::1/128", new Cidr(scoped, 128).toString());
    }

    @Test
    void rejectsBadInput() {
        assertBad("10.0.0.0/-1", "\"10.0.0.0/-1\" is not a network (prefix must be 0-32)");
        assertBad("10.0.0/8", "\"10.0.0/8\" is not a network (use e.g. 10.0.0.0/8)");
        assertBad("1.2.3.4/8x", "\"1.2.3.4/8x\" is not a network (prefix must be 0-32)");
        assertBad("", "\"\" is not a network (use e.g. 10.0.0.0/8)");
        assertBad("/8", "\"/8\" is not a network (use e.g. 10.0.0.0/8)");
        assertBad("::1/129", "\"::1/129\" is not a network (prefix must be 0-128)");
        assertBad("10.0.0.0/33", "\"10.0.0.0/33\" is not a network (prefix must be 0-32)");
        assertBad("10.0.0.0/", "\"10.0.0.0/\" is not a network (prefix must be 0-32)");
        assertBad("10.0.0.0/0008", "\"10.0.0.0/0008\" is not a network (prefix must be 0-32)");
        assertBad("10.0.0.0/8/8", "\"10.0.0.0/8/8\" is not a network (prefix must be 0-32)");
        assertBad("fd00::/x", "\"fd00::/x\" is not a network (prefix must be 0-128)");
        assertBad("lan.example", "\"lan.example\" is not a network (use e.g. 10.0.0.0/8)");
        assertBad("localhost/8", "\"localhost/8\" is not a network (use e.g. 10.0.0.0/8)");
        assertBad("10.0.0.256/32", "\"10.0.0.256/32\" is not a network (use e.g. 10.0.0.0/8)");
        assertBad("010.0.0.0/8", "\"010.0.0.0/8\" is not a network (use e.g. 10.0.0.0/8)");
        assertBad("1.2.3.4.5", "\"1.2.3.4.5\" is not a network (use e.g. 10.0.0.0/8)");
        assertBad("1.2.3.", "\"1.2.3.\" is not a network (use e.g. 10.0.0.0/8)");
        assertBad("167772160", "\"167772160\" is not a network (use e.g. 10.0.0.0/8)");
        assertBad(" 10.0.0.0/8", "\" 10.0.0.0/8\" is not a network (use e.g. 10.0.0.0/8)");
        assertBad("10.0.0.0 /8", "\"10.0.0.0 /8\" is not a network (use e.g. 10.0.0.0/8)");
        assertBad("\uff11.0.0.0/8", "\"\uff11.0.0.0/8\" is not a network (use e.g. 10.0.0.0/8)");
        assertBad("1::2::3", "\"1::2::3\" is not a network (use e.g. fd00::/8)");
        assertBad(":::", "\":::\" is not a network (use e.g. fd00::/8)");
        assertBad(":1::/16", "\":1::/16\" is not a network (use e.g. fd00::/8)");
        assertBad("1:2:3:4:5:6:7", "\"1:2:3:4:5:6:7\" is not a network (use e.g. fd00::/8)");
        assertBad("1:2:3:4:5:6:7:8:9", "\"1:2:3:4:5:6:7:8:9\" is not a network (use e.g. fd00::/8)");
        assertBad("1:2:3:4:5:6:7::8", "\"1:2:3:4:5:6:7::8\" is not a network (use e.g. fd00::/8)");
        assertBad("12345::/16", "\"12345::/16\" is not a network (use e.g. fd00::/8)");
        assertBad("fg00::/8", "\"fg00::/8\" is not a network (use e.g. fd00::/8)");
        assertBad("fe80::1%eth0/64", "\"fe80::1%eth0/64\" is not a network (use e.g. fd00::/8)");
        assertBad("[::1]/128", "\"[::1]/128\" is not a network (use e.g. fd00::/8)");
        assertBad("1.2.3.4::/8", "\"1.2.3.4::/8\" is not a network (use e.g. fd00::/8)");
        assertBad("::1.2.3/128", "\"::1.2.3/128\" is not a network (use e.g. fd00::/8)");
        assertBad("::1.2.3.4:5", "\"::1.2.3.4:5\" is not a network (use e.g. fd00::/8)");
    }

    @Test
    void constructorChecksPrefixLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Cidr(ip("10.0.0.0"), 33));
        assertEquals("prefix length 33 of 10.0.0.0 is out of range 0-32", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Cidr(ip("10.0.0.0"), -1));
        assertThrows(IllegalArgumentException.class, () -> new Cidr(ip("::"), 129));
        assertThrows(NullPointerException.class, () -> new Cidr(null, 8));
        assertThrows(NullPointerException.class, () -> Cidr.parse(null));
        assertThrows(NullPointerException.class, () -> Cidr.parse("10.0.0.0/8").contains(null));
    }

    private static void assertBad(String text, String expectedMessage) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text), text);
        assertEquals(expectedMessage, e.getMessage());
    }

    /**
     * @return the address of an IP literal; {@code getByName} does no lookup for a literal
     */
    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(literal, e);
        }
    }

    /**
     * @return {@code ::ffff:a.b.c.d} as an {@link Inet6Address}, which {@code InetAddress.getByName} never returns
     */
    private static Inet6Address mapped(int a, int b, int c, int d) {
        byte[] bytes = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) a, (byte) b, (byte) c, (byte) d};
        try {
            Inet6Address address = Inet6Address.getByAddress(null, bytes, -1);
            assertInstanceOf(Inet6Address.class, address);
            return address;
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
