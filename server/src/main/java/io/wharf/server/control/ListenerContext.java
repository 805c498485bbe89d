package io.wharf.server.control;

import io.wharf.config.ActiveConfig;
import io.wharf.config.Cidr;
import io.wharf.server.data.AdvertisedAddress;
import io.wharf.server.data.PassivePortPool;
import io.wharf.server.data.SourcePorts;
import io.wharf.server.tls.ListenerTls;
import java.net.InetAddress;
import java.util.List;

/**
 * What sessions of one listener share: its name, passive pool and advertised address, its active-mode rules and its
 * TLS.
 *
 * @param name          the listener's configured name, for logs
 * @param pool          the listener's passive ports
 * @param advertised    the IPv4 address for 227 replies (kept current when it comes from a host name), or null to
 *                      advertise the control connection's local address
 * @param localNetworks client networks that are told the local address instead (LAN clients of a NATed server)
 * @param active        PORT/EPRT rules
 * @param sourcePorts   local ports for outgoing active-mode connections
 * @param tls           the listener's FTPS, or null for a plain-FTP listener
 */
public record ListenerContext(String name, PassivePortPool pool, AdvertisedAddress advertised,
                              List<Cidr> localNetworks, ActiveConfig active, SourcePorts sourcePorts,
                              ListenerTls tls) {

    /**
     * The address a 227 reply gives {@code client}: the advertised one, unless none is set or the client is on one
     * of the local networks, in which case the control connection's own local address. Lock-free; never blocks.
     */
    public InetAddress passiveAddressFor(InetAddress client, InetAddress local) {
        if (advertised == null) {
            return local;
        }
        for (Cidr network : localNetworks) {
            if (network.contains(client)) {
                return local;
            }
        }
        return advertised.current();
    }
}
