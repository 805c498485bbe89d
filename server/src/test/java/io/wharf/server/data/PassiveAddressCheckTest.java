package io.wharf.server.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wharf.config.Cidr;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The start-up warnings about advertised addresses, with the machine's interface addresses made up by each test. */
class PassiveAddressCheckTest {

    private static final List<String> NATTED_MACHINE = List.of("127.0.0.1", "::1", "10.0.0.5", "fe80::1");
    private static final List<String> PUBLIC_MACHINE = List.of("127.0.0.1", "10.0.0.5", "8.8.4.4", "fe80::1");
    private static final List<String> IPV6_PUBLIC_MACHINE = List.of("127.0.0.1", "10.0.0.5", "2a00:1450::1");

    private static final String PUBLIC_ADVERTISES_PRIVATE = "listener ftp: bound to 8.8.4.4 (a public address) but"
            + " advertises 10.0.0.5, a private address, in 227 replies to PASV: internet clients get that address and"
            + " cannot open data connections (EPSV clients are unaffected). Set passive.advertised-address to the"
            + " server's public address.";
    private static final String PRIVATE_WITHOUT_ADVERTISED = "listener ftp: bound to 10.0.0.5 (a private address)"
            + " and passive.advertised-address is not set: clients that reach the server through NAT get its private"
            + " address in 227 replies to PASV and cannot open data connections (EPSV clients are unaffected). Set"
            + " passive.advertised-address to the public address clients connect to, or ignore this if every client"
            + " is on the private network (then local-networks is not needed either).";
    private static final String LOOPBACK_ADVERTISED = "listener ftp: bound to 10.0.0.5 (a private address) but"
            + " advertises localhost (127.0.0.1), a loopback address, in 227 replies to PASV: every client on another"
            + " machine is sent to itself and cannot open data connections (EPSV clients are unaffected). Set"
            + " passive.advertised-address to the address clients connect to, or remove it to advertise the local"
            + " address of each control connection.";

    @Test
    void publicBindAdvertisingANonPublicAddressWarns() throws Exception {
        assertEquals(List.of(PUBLIC_ADVERTISES_PRIVATE), check(NATTED_MACHINE, "8.8.4.4", "10.0.0.5"));
        assertEquals(List.of("listener ftp: bound to 8.8.4.4 (a public address) but advertises ftp.example.com"
                + " (203.0.113.10), a reserved, never routed address, in 227 replies to PASV: internet clients get that"
                + " address and cannot open data connections (EPSV clients are unaffected). Set"
                + " passive.advertised-address to the server's public address."),
                check(NATTED_MACHINE, "8.8.4.4", "ftp.example.com", "203.0.113.10", List.of()));
        assertEquals(1, check(NATTED_MACHINE, "8.8.4.4", "169.254.0.9").size());
        assertEquals(List.of(), check(NATTED_MACHINE, "8.8.4.4", "8.8.8.8"));
        assertEquals(List.of(), check(NATTED_MACHINE, "8.8.4.4", null), "a public bind needs no advertised address");
    }

    @Test
    void wildcardOnAMachineWithAPublicAddressCountsAsPublic() throws Exception {
        assertEquals(List.of("listener ftp: bound to 0.0.0.0 (all interfaces, among them the public address 8.8.4.4)"
                + " but advertises 192.168.1.2, a private address, in 227 replies to PASV: internet clients get that"
                + " address and cannot open data connections (EPSV clients are unaffected). Set"
                + " passive.advertised-address to the server's public address. Clients in passive.local-networks get"
                + " the local address instead and are unaffected."),
                check(PUBLIC_MACHINE, "0.0.0.0", null, "192.168.1.2", List.of(Cidr.parse("192.168.0.0/16"))));
        assertEquals(List.of(), check(PUBLIC_MACHINE, "0.0.0.0", null));
        // 0.0.0.0 serves IPv4 only, so a public IPv6 address does not make it public; :: serves both.
        assertEquals(1, check(IPV6_PUBLIC_MACHINE, "::", "10.0.0.5").size());
        assertEquals(List.of(), check(IPV6_PUBLIC_MACHINE, "0.0.0.0", "10.0.0.5"));
    }

    @Test
    void privateBindWithoutAdvertisedAddressWarns() throws Exception {
        assertEquals(List.of(PRIVATE_WITHOUT_ADVERTISED), check(NATTED_MACHINE, "10.0.0.5", null));
        assertEquals(List.of("listener ftp: bound to :: (all interfaces; this machine's addresses, such as 10.0.0.5,"
                + " are all private or link-local) and passive.advertised-address is not set: clients that reach the"
                + " server through NAT get its private address in 227 replies to PASV and cannot open data"
                + " connections (EPSV clients are unaffected). Set passive.advertised-address to the public address"
                + " clients connect to, or ignore this if every client is on the private network (then local-networks"
                + " is not needed either)."), check(NATTED_MACHINE, "::", null));
        assertEquals(1, check(List.of("127.0.0.1", "fe80::1"), "::", null).size(), "link-local only");
        assertEquals(List.of(), check(NATTED_MACHINE, "10.0.0.5", "8.8.8.8"), "advertising a public address: NAT");
        assertEquals(List.of(), check(NATTED_MACHINE, "10.0.0.5", "10.0.0.99"), "a private advertised address");
    }

    @Test
    void loopbackAdvertisedToRemoteClientsWarns() throws Exception {
        assertEquals(List.of(LOOPBACK_ADVERTISED),
                check(NATTED_MACHINE, "10.0.0.5", "localhost", "127.0.0.1", List.of()));
        assertEquals(1, check(PUBLIC_MACHINE, "0.0.0.0", "127.0.0.1").size(), "one warning, not two");
        assertEquals(1, check(PUBLIC_MACHINE, "8.8.4.4", "127.0.0.2").size());
    }

    @Test
    void loopbackBindsAndUnjudgedBindsNeverWarn() throws Exception {
        for (String advertised : new String[] {null, "127.0.0.1", "10.0.0.5", "198.51.100.7", "8.8.8.8"}) {
            assertEquals(List.of(), check(PUBLIC_MACHINE, "127.0.0.1", advertised));
            assertEquals(List.of(), check(PUBLIC_MACHINE, "::1", advertised));
            assertEquals(List.of(), check(List.of("127.0.0.1", "::1"), "0.0.0.0", advertised), "loopback-only machine");
            assertEquals(List.of(), check(List.of(), "::", advertised), "interfaces unknown");
        }
        // A reserved bind (benchmark networks) or a machine with a reserved address: not judged, except loopback.
        assertEquals(List.of(), check(NATTED_MACHINE, "198.18.0.1", "10.0.0.5"));
        assertEquals(List.of(), check(List.of("10.0.0.5", "198.18.0.1"), "0.0.0.0", null));
    }

    private static List<String> check(List<String> machine, String bind, String advertised)
            throws UnknownHostException {
        return check(machine, bind, advertised, advertised, List.of());
    }

    private static List<String> check(List<String> machine, String bind, String advertisedName, String advertised,
                                      List<Cidr> localNetworks) throws UnknownHostException {
        List<InetAddress> interfaces = new ArrayList<>();
        for (String literal : machine) {
            interfaces.add(InetAddress.getByName(literal));
        }
        return new PassiveAddressCheck(interfaces).warnings("ftp", InetAddress.getByName(bind),
                advertised == null ? null : InetAddress.getByName(advertised), advertisedName, localNetworks);
    }
}
