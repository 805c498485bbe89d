package io.wharf.server.data;

import io.wharf.config.Cidr;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The address one listener puts in its 227 replies to PASV: an IPv4 literal, fixed for the server's life, or the
 * first IPv4 address of a host name, which {@link #refresh()} resolves again so that a server on a dynamic-DNS name
 * follows its address without a restart.
 *
 * <p>Threading: {@link #current()} is a volatile read, safe and lock-free on every event loop. {@link #refresh()}
 * blocks on DNS, so it runs off the loops, on one thread at a time (the server's {@link AdvertisedAddressRefresher}).
 * When a refresh fails the last good address stays in use.
 *
 * <pre>{@code
 * AdvertisedAddress advertised = AdvertisedAddress.resolve("ftp", "ftp.example.com", true, Duration.ofSeconds(60),
 *         AddressResolver.system());                  // at start: fails if the name has no IPv4 address
 * byte[] h1h2h3h4 = advertised.current().getAddress(); // on a loop, per PASV
 * }</pre>
 */
public final class AdvertisedAddress {

    private static final System.Logger LOG = System.getLogger(AdvertisedAddress.class.getName());

    private final String listener;
    private final String configured;
    private final Duration refreshPeriod;
    private final AddressResolver resolver;
    private volatile Inet4Address current;
    /** True from a failed refresh until the next good one, so a long outage warns once, not every period. */
    private boolean failing;

    private AdvertisedAddress(String listener, String configured, Duration refreshPeriod, AddressResolver resolver,
                              Inet4Address current) {
        this.listener = listener;
        this.configured = configured;
        this.refreshPeriod = refreshPeriod;
        this.resolver = resolver;
        this.current = current;
    }

    /**
     * Resolves {@code configured} once, for the server's start. Blocking.
     *
     * @param listener      the listener's name, for messages
     * @param configured    {@code passive.advertised-address} as written: an IPv4 literal or a host name
     * @param hostName      whether {@code configured} is a host name ({@code PassiveConfig#advertisesHostName})
     * @param refreshPeriod how often to resolve a host name again, or null for never; ignored for a literal
     * @param resolver      the resolver, for this call and every refresh
     * @throws IOException naming the listener and the address when it does not resolve or has no IPv4 address
     */
    public static AdvertisedAddress resolve(String listener, String configured, boolean hostName,
                                            Duration refreshPeriod, AddressResolver resolver) throws IOException {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(configured, "configured");
        Objects.requireNonNull(resolver, "resolver");
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(configured);
        } catch (UnknownHostException e) {
            throw new IOException("listener " + listener + ": advertised-address " + configured + " does not resolve",
                    e);
        }
        Inet4Address first = firstIpv4(addresses);
        if (first == null) {
            throw new IOException("listener " + listener + ": advertised-address " + configured
                    + " has no IPv4 address (" + describe(addresses) + "), and the 227 reply to PASV can carry only"
                    + " IPv4; name a host with an A record, or leave advertised-address unset");
        }
        return new AdvertisedAddress(listener, configured, hostName ? refreshPeriod : null, resolver, first);
    }

    /** The IPv4 address for the next 227 reply. Any thread; never blocks. */
    public Inet4Address current() {
        return current;
    }

    /** {@code passive.advertised-address} as configured: the host name, or the literal. */
    public String configured() {
        return configured;
    }

    /** How often {@link #refresh()} should run, or null when it never needs to (a literal, or refresh off). */
    public Duration refreshPeriod() {
        return refreshPeriod;
    }

    /**
     * Resolves the host name again and switches {@link #current()} to its first IPv4 address. Blocking (DNS); one
     * caller at a time. Logs one INFO line when the address changes and one when resolution recovers from a failure;
     * a failure (no answer, or no IPv4 address) keeps the last good address and logs one WARNING per failure streak.
     */
    public void refresh() {
        Inet4Address previous = current;
        Inet4Address next;
        String problem;
        try {
            InetAddress[] addresses = resolver.resolve(configured);
            next = firstIpv4(addresses);
            problem = next == null ? "has no IPv4 address (" + describe(addresses) + ")" : null;
        } catch (UnknownHostException e) {
            next = null;
            problem = "does not resolve (" + e.getMessage() + ")";
        }
        if (next == null) {
            if (!failing) {
                failing = true;
                LOG.log(System.Logger.Level.WARNING, prefix() + " " + problem + "; 227 replies keep "
                        + previous.getHostAddress() + " until it resolves again");
            }
            return;
        }
        current = next;
        String was = next.equals(previous) ? " (unchanged)" : " (was " + previous.getHostAddress() + ")";
        if (failing) {
            failing = false;
            LOG.log(System.Logger.Level.INFO, prefix() + " resolves again, to " + next.getHostAddress() + was);
        } else if (!next.equals(previous)) {
            LOG.log(System.Logger.Level.INFO, prefix() + " is now " + next.getHostAddress() + was);
        }
    }

    @Override
    public String toString() {
        Inet4Address address = current;
        return configured.equals(address.getHostAddress()) ? configured
                : configured + " (" + address.getHostAddress() + ")";
    }

    private String prefix() {
        return "listener " + listener + ": advertised address " + configured;
    }

    /** The first IPv4 address in resolver order, or null: a 227 reply cannot carry IPv6 (RFC 959 4.1.2). */
    private static Inet4Address firstIpv4(InetAddress[] addresses) {
        for (InetAddress address : addresses) {
            if (address instanceof Inet4Address ipv4) {
                return ipv4;
            }
        }
        return null;
    }

    private static String describe(InetAddress[] addresses) {
        List<String> literals = new ArrayList<>(addresses.length);
        for (InetAddress address : addresses) {
            literals.add(Cidr.format(address));
        }
        return literals.isEmpty() ? "no addresses at all" : "only " + String.join(", ", literals);
    }
}
