package io.wharf.config;

import java.net.InetAddress;
import java.util.List;

/**
 * Where an IP address can be reached from: the question behind most FTP data-connection failures, since a 227 reply
 * or a PORT command that names an address of the wrong scope sends the other side nowhere.
 *
 * <p>Classification is by the IANA special-purpose registries (RFC 6890 and the RFCs it lists); no name is resolved.
 * IPv4-mapped IPv6 addresses are classified as the IPv4 address they carry.
 */
public enum AddressScope {

    /** 0.0.0.0, {@code ::}, 0.0.0.0/8: "any" or "this network"; names no host another machine can reach. */
    UNSPECIFIED("an unspecified address", false),
    /** 127.0.0.0/8 and {@code ::1}: only this machine. */
    LOOPBACK("a loopback address", false),
    /** 169.254.0.0/16 and fe80::/10: only the same network segment. */
    LINK_LOCAL("a link-local address", false),
    /** RFC 1918, shared address space (RFC 6598, carrier-grade NAT) and unique local IPv6 (fc00::/7). */
    PRIVATE("a private address", false),
    /** Documentation, benchmarking, multicast, broadcast and reserved ranges: no host has them on the internet. */
    RESERVED("a reserved, never routed address", false),
    /** Anything else: reachable across the internet, firewalls permitting. */
    PUBLIC("a public address", true);

    private static final List<Cidr> UNSPECIFIED_NETS = nets("0.0.0.0/8", "::/128");
    private static final List<Cidr> LOOPBACK_NETS = nets("127.0.0.0/8", "::1/128");
    private static final List<Cidr> LINK_LOCAL_NETS = nets("169.254.0.0/16", "fe80::/10");
    private static final List<Cidr> PRIVATE_NETS = nets("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
            "100.64.0.0/10", "fc00::/7");
    private static final List<Cidr> RESERVED_NETS = nets("192.0.0.0/24", "192.0.2.0/24", "198.18.0.0/15",
            "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4", "2001:db8::/32", "ff00::/8",
            "100::/64");

    private final String description;
    private final boolean internetRoutable;

    AddressScope(String description, boolean internetRoutable) {
        this.description = description;
        this.internetRoutable = internetRoutable;
    }

    /**
     * @param address an IPv4 or IPv6 address, not null
     * @return its scope
     */
    public static AddressScope of(InetAddress address) {
        if (matches(UNSPECIFIED_NETS, address)) {
            return UNSPECIFIED;
        }
        if (matches(LOOPBACK_NETS, address)) {
            return LOOPBACK;
        }
        if (matches(LINK_LOCAL_NETS, address)) {
            return LINK_LOCAL;
        }
        if (matches(PRIVATE_NETS, address)) {
            return PRIVATE;
        }
        if (matches(RESERVED_NETS, address)) {
            return RESERVED;
        }
        return PUBLIC;
    }

    /**
     * Whether a host that reaches this machine at {@code seenFrom}'s scope can be expected to reach an address of
     * this scope too. A client on the internet cannot reach a private address; a LAN client can reach a public one.
     */
    public boolean reachableFrom(AddressScope seenFrom) {
        return switch (this) {
            case PUBLIC -> seenFrom != UNSPECIFIED && seenFrom != RESERVED;
            case PRIVATE -> seenFrom == PRIVATE || seenFrom == LOOPBACK;
            case LOOPBACK -> seenFrom == LOOPBACK;
            case LINK_LOCAL -> seenFrom == LINK_LOCAL || seenFrom == LOOPBACK;
            case UNSPECIFIED, RESERVED -> false;
        };
    }

    /** True only for {@link #PUBLIC}. */
    public boolean internetRoutable() {
        return internetRoutable;
    }

    /** Plain words for operators, with the article: "a private address". */
    public String description() {
        return description;
    }

    private static boolean matches(List<Cidr> networks, InetAddress address) {
        for (Cidr network : networks) {
            if (network.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static List<Cidr> nets(String... networks) {
        Cidr[] parsed = new Cidr[networks.length];
        for (int i = 0; i < networks.length; i++) {
            parsed[i] = Cidr.parse(networks[i]);
        }
        return List.of(parsed);
    }
}
