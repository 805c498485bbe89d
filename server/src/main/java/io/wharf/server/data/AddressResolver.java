package io.wharf.server.data;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Resolves a host name to its addresses. Blocking (a DNS query): never call it on an event loop.
 *
 * <p>Tests pass their own to change the answers between calls.
 */
@FunctionalInterface
public interface AddressResolver {

    /**
     * @param host a host name or literal address
     * @return every address {@code host} has, in the resolver's order; never empty
     * @throws UnknownHostException when {@code host} has no address
     */
    InetAddress[] resolve(String host) throws UnknownHostException;

    /**
     * The JDK's resolver ({@link InetAddress#getAllByName}). It caches answers for {@code networkaddress.cache.ttl}
     * (30 s by default when no security manager is installed), so re-resolving more often changes nothing.
     */
    static AddressResolver system() {
        return InetAddress::getAllByName;
    }
}
