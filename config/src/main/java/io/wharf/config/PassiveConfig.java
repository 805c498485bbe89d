package io.wharf.config;

import java.util.List;
import java.util.Objects;

/**
 * Passive-mode (PASV/EPSV) settings of one listener.
 *
 * <p>The loader accepts only ports 1024-65535 and at least one range; this constructor checks only what would make
 * the value meaningless (nulls, overlapping ranges, an empty address), so tests can build small pools in code.
 *
 * @param ports             the data ports the server may listen on, in the order configured, never overlapping
 * @param advertisedAddress the IPv4 address or host name sent in the 227 reply to PASV, for servers behind NAT;
 *                          {@code null} means use the local address of the client's control connection
 * @param localNetworks     clients whose control connection comes from one of these networks get the control
 *                          connection's local address in the 227 reply instead of {@code advertisedAddress}: the
 *                          LAN clients of a server behind NAT, who cannot reach its public address. In the order
 *                          configured; empty means every client gets {@code advertisedAddress}
 */
public record PassiveConfig(List<PortRange> ports, String advertisedAddress, List<Cidr> localNetworks) {

    /**
     * @throws IllegalArgumentException if two ranges overlap or {@code advertisedAddress} is empty
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
        if (advertisedAddress != null && advertisedAddress.isEmpty()) {
            throw new IllegalArgumentException("advertisedAddress is empty (use null for the control address)");
        }
        localNetworks = List.copyOf(Objects.requireNonNull(localNetworks, "localNetworks"));
    }

    /**
     * Passive settings with no local networks, so every client gets {@code advertisedAddress}.
     *
     * @throws IllegalArgumentException if two ranges overlap or {@code advertisedAddress} is empty
     */
    public PassiveConfig(List<PortRange> ports, String advertisedAddress) {
        this(ports, advertisedAddress, List.of());
    }

    /**
     * @return the total number of ports across all ranges, which bounds the concurrent passive transfers
     */
    public int size() {
        int total = 0;
        for (PortRange range : ports) {
            total += range.size();
        }
        return total;
    }
}
