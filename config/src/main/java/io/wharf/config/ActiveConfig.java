package io.wharf.config;

import java.util.List;
import java.util.Objects;

/**
 * Active mode (PORT/EPRT): the server connects back to the client.
 *
 * <p>Active mode fails for most clients behind NAT, whose private address and port the server cannot reach, so
 * they use passive mode. Connecting to any address a client names would make the server a proxy for port scans and
 * for sending data to third parties (the FTP bounce attack, RFC 2577), hence {@code allowForeignAddresses} is off
 * by default.
 *
 * <p>The loader accepts source ports 1024-65535 only, and none that overlap the listener's passive ports; this
 * constructor checks only that the ranges do not overlap each other, so tests can build configs in code.
 *
 * @param enabled               whether PORT and EPRT are accepted at all; when false, clients must use PASV or EPSV
 * @param allowForeignAddresses whether PORT and EPRT may name an address other than the control connection's
 *                              client, as server-to-server transfers (FXP) need; dangerous, see above
 * @param sourcePorts           the local ports outgoing data connections are bound to, in the order configured,
 *                              never overlapping, so firewall rules can name them; empty means the kernel chooses
 */
public record ActiveConfig(boolean enabled, boolean allowForeignAddresses, List<PortRange> sourcePorts) {

    /**
     * @throws IllegalArgumentException if two source port ranges overlap
     */
    public ActiveConfig {
        sourcePorts = List.copyOf(Objects.requireNonNull(sourcePorts, "sourcePorts"));
        for (int i = 0; i < sourcePorts.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (sourcePorts.get(i).overlaps(sourcePorts.get(j))) {
                    throw new IllegalArgumentException("active source ports " + sourcePorts.get(i) + " overlap "
                            + sourcePorts.get(j));
                }
            }
        }
    }

    /**
     * The defaults, used for every key missing from a listener's {@code active} section.
     *
     * @return active mode enabled, only to the control connection's client, from a port the kernel chooses
     */
    public static ActiveConfig defaults() {
        return new ActiveConfig(true, false, List.of());
    }
}
