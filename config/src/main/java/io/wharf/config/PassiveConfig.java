package io.wharf.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Passive-mode (PASV/EPSV) settings of one listener.
 *
 * <p>The loader accepts only ports 1024-65535 and at least one range; this constructor checks only what would make
 * the value meaningless (nulls, overlapping ranges, an address no 227 reply can carry), so tests can build small
 * pools in code.
 *
 * @param ports                    the data ports the server may listen on, in the order configured, never
 *                                 overlapping
 * @param advertisedAddress        the IPv4 address or host name sent in the 227 reply to PASV, for servers behind
 *                                 NAT; {@code null} means use the local address of the client's control connection
 * @param advertisedAddressRefresh how often a host name in {@code advertisedAddress} is resolved again (dynamic DNS),
 *                                 or {@code null} to resolve it only at start; unused when {@code advertisedAddress}
 *                                 is a literal address or null
 * @param localNetworks            clients whose control connection comes from one of these networks get the control
 *                                 connection's local address in the 227 reply instead of {@code advertisedAddress}:
 *                                 the LAN clients of a server behind NAT, who cannot reach its public address. In the
 *                                 order configured; empty means every client gets {@code advertisedAddress}
 */
public record PassiveConfig(List<PortRange> ports, String advertisedAddress, Duration advertisedAddressRefresh,
                            List<Cidr> localNetworks) {

    /** How often a host name in {@code advertised-address} is resolved again when the file does not say. */
    public static final Duration DEFAULT_ADVERTISED_ADDRESS_REFRESH = Duration.ofSeconds(60);

    /**
     * @throws IllegalArgumentException if two ranges overlap, {@code advertisedAddress} is not an IPv4 address or host
     *                                  name, or {@code advertisedAddressRefresh} is not positive
     */
    public PassiveConfig {
        ports = List.copyOf(Objects.requireNonNull(ports, "ports"));
        for (int i = 0; i < ports.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (ports.get(i).overlaps(ports.get(j))) {
                    throw new IllegalArgumentException("passive ports " + ports.get(i) + " overlap " + ports.get(j));
                }
            }
        }
        if (advertisedAddress != null) {
            String problem = advertisedAddressProblem(advertisedAddress);
            if (problem != null) {
                throw new IllegalArgumentException("advertisedAddress " + problem);
            }
        }
        if (advertisedAddressRefresh != null
                && (advertisedAddressRefresh.isNegative() || advertisedAddressRefresh.isZero())) {
            throw new IllegalArgumentException("advertisedAddressRefresh " + advertisedAddressRefresh
                    + " is not positive (use null to resolve only at start)");
        }
        localNetworks = List.copyOf(Objects.requireNonNull(localNetworks, "localNetworks"));
    }

    /**
     * Passive settings whose host name, if any, is resolved again every
     * {@link #DEFAULT_ADVERTISED_ADDRESS_REFRESH}.
     *
     * @throws IllegalArgumentException as the canonical constructor
     */
    public PassiveConfig(List<PortRange> ports, String advertisedAddress, List<Cidr> localNetworks) {
        this(ports, advertisedAddress, DEFAULT_ADVERTISED_ADDRESS_REFRESH, localNetworks);
    }

    /**
     * Passive settings with no local networks, so every client gets {@code advertisedAddress}.
     *
     * @throws IllegalArgumentException as the canonical constructor
     */
    public PassiveConfig(List<PortRange> ports, String advertisedAddress) {
        this(ports, advertisedAddress, List.of());
    }

    /**
     * @return the total number of ports across all ranges: how many sessions of this listener can wait for a passive
     *         data connection at once
     */
    public int size() {
        int total = 0;
        for (PortRange range : ports) {
            total += range.size();
        }
        return total;
    }

    /**
     * @return whether {@code advertisedAddress} is a host name, to be resolved at start and again every
     *         {@code advertisedAddressRefresh}, rather than an IPv4 literal or unset
     */
    public boolean advertisesHostName() {
        return advertisedAddress != null && isHostName(advertisedAddress);
    }

    /**
     * @param text an {@code advertised-address} that {@link #advertisedAddressProblem} accepts
     * @return true for a host name, false for an IPv4 literal
     */
    static boolean isHostName(String text) {
        return !isDigitsAndDots(text);
    }

    /**
     * Checks the form of an {@code advertised-address} without resolving anything. Text of digits and dots must be an
     * IPv4 address (Java would otherwise read {@code 10.1} as 10.0.0.1, or send {@code 300.1.2.3} to DNS); an IPv6
     * address is refused because the 227 reply can carry only IPv4 (RFC 959); anything else is a host name.
     *
     * @return what is wrong, phrased for an operator, or null if the text is usable
     */
    static String advertisedAddressProblem(String text) {
        if (text.isEmpty()) {
            return "must not be empty (leave it unset for the control connection's local address)";
        }
        if (text.indexOf(':') >= 0) {
            return YamlDocument.quote(text) + " is not an IPv4 address or host name: the 227 reply to PASV can"
                    + " carry only IPv4 (EPSV replies carry no address, so IPv6 clients need no advertised address)";
        }
        if (isDigitsAndDots(text) && !isIpv4(text)) {
            return YamlDocument.quote(text) + " is not an IPv4 address (use four numbers 0-255, e.g. 203.0.113.10)";
        }
        return null;
    }

    private static boolean isDigitsAndDots(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpv4(String text) {
        try {
            Cidr single = Cidr.parse(text);
            return single.prefixLength() == 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
