package io.wharf.server.data;

import io.wharf.config.AddressScope;
import io.wharf.config.Cidr;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Start-up warnings about the address a listener puts in its 227 replies to PASV, the classic misconfiguration behind
 * "login works, listings hang": a server on a public address that advertises a private one, a server on a private
 * network (behind NAT) that advertises nothing, or a loopback address advertised to remote clients.
 *
 * <p>Pure: the machine's interface addresses are given to the constructor ({@link #upInterfaceAddresses()} in
 * production), nothing is resolved, and each call returns its warnings, one line each, for the caller to log.
 * Loopback-only listeners never warn: their clients are on this machine.
 */
public final class PassiveAddressCheck {

    private final List<InetAddress> interfaceAddresses;

    /**
     * @param interfaceAddresses the addresses of the machine's interfaces that are up; used to judge who can reach a
     *                           listener bound to a wildcard address (0.0.0.0 or ::)
     */
    public PassiveAddressCheck(List<InetAddress> interfaceAddresses) {
        this.interfaceAddresses = List.copyOf(interfaceAddresses);
    }

    /**
     * The addresses of every network interface that is up. Blocking (it asks the kernel), so call it at start, not on
     * an event loop.
     *
     * @return the addresses, or an empty list if the interfaces cannot be listed (the wildcard checks then stay quiet
     *         rather than guess)
     */
    public static List<InetAddress> upInterfaceAddresses() {
        List<InetAddress> addresses = new ArrayList<>();
        try {
            for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (network.isUp()) {
                    addresses.addAll(Collections.list(network.getInetAddresses()));
                }
            }
        } catch (SocketException e) {
            // Only a start-up hint depends on this; the server itself works without it.
            return List.of();
        }
        return addresses;
    }

    /**
     * @param listener       the listener's name
     * @param bind           the address the listener is bound to, possibly a wildcard
     * @param advertised     the advertised address as resolved at start, or null when none is configured
     * @param advertisedName {@code passive.advertised-address} as written (a literal or host name), or null
     * @param localNetworks  the listener's {@code passive.local-networks}
     * @return the warnings, each a complete line for an operator; empty when the configuration looks right
     */
    public List<String> warnings(String listener, InetAddress bind, InetAddress advertised, String advertisedName,
                                 List<Cidr> localNetworks) {
        Reach reach = reach(bind);
        if (reach == null) {
            return List.of();
        }
        String prefix = "listener " + listener + ": bound to " + reach.description();
        if (advertised == null) {
            if (reach.scope() != AddressScope.PRIVATE) {
                return List.of();
            }
            return List.of(prefix + " and passive.advertised-address is not set: clients that reach the server"
                    + " through NAT get its private address in 227 replies to PASV and cannot open data connections"
                    + " (EPSV clients are unaffected). Set passive.advertised-address to the public address clients"
                    + " connect to, or ignore this if every client is on the private network (then local-networks is"
                    + " not needed either).");
        }
        AddressScope advertisedScope = AddressScope.of(advertised);
        String literal = Cidr.format(advertised);
        String shown = advertisedName == null || advertisedName.equals(literal) ? literal
                : advertisedName + " (" + literal + ")";
        String exempt = localNetworks.isEmpty() ? ""
                : " Clients in passive.local-networks get the local address instead and are unaffected.";
        if (advertisedScope == AddressScope.LOOPBACK) {
            return List.of(prefix + " but advertises " + shown + ", a loopback address, in 227 replies to PASV:"
                    + " every client on another machine is sent to itself and cannot open data connections (EPSV"
                    + " clients are unaffected). Set passive.advertised-address to the address clients connect to,"
                    + " or remove it to advertise the local address of each control connection." + exempt);
        }
        if (reach.scope() == null || advertisedScope.reachableFrom(reach.scope())) {
            return List.of();
        }
        String who = reach.scope() == AddressScope.PUBLIC ? "internet clients" : "clients";
        return List.of(prefix + " but advertises " + shown + ", " + advertisedScope.description()
                + ", in 227 replies to PASV: " + who + " get that address and cannot open data connections (EPSV"
                + " clients are unaffected). Set passive.advertised-address to the server's public address." + exempt);
    }

    /**
     * Who can reach a listener on {@code bind}: public or private scope, with words for the message; a null scope
     * for a listener reached from other machines in a way this check does not judge (a link-local or reserved bind);
     * null for a listener only this machine can reach.
     */
    private Reach reach(InetAddress bind) {
        AddressScope scope = AddressScope.of(bind);
        String literal = Cidr.format(bind);
        if (scope == AddressScope.LOOPBACK) {
            return null;
        }
        if (scope != AddressScope.UNSPECIFIED) {
            boolean judged = scope == AddressScope.PUBLIC || scope == AddressScope.PRIVATE;
            return new Reach(judged ? scope : null, literal + " (" + scope.description() + ")");
        }
        InetAddress firstPrivate = null;
        boolean onlyPrivate = true;
        boolean any = false;
        for (InetAddress address : interfaceAddresses) {
            if (bind instanceof Inet4Address && !(address instanceof Inet4Address)) {
                continue;   // 0.0.0.0 takes IPv4 connections only
            }
            AddressScope found = AddressScope.of(address);
            if (found == AddressScope.LOOPBACK || found == AddressScope.UNSPECIFIED) {
                continue;
            }
            any = true;
            if (found == AddressScope.PUBLIC) {
                return new Reach(AddressScope.PUBLIC, literal + " (all interfaces, among them the public address "
                        + Cidr.format(address) + ")");
            }
            if (found == AddressScope.PRIVATE && firstPrivate == null) {
                firstPrivate = address;
            }
            onlyPrivate &= found == AddressScope.PRIVATE || found == AddressScope.LINK_LOCAL;
        }
        if (!any) {
            return null;
        }
        if (!onlyPrivate) {
            return new Reach(null, literal + " (all interfaces)");
        }
        String example = firstPrivate == null ? "" : ", such as " + Cidr.format(firstPrivate) + ",";
        return new Reach(AddressScope.PRIVATE, literal + " (all interfaces; this machine's addresses" + example
                + " are all private or link-local)");
    }

    /**
     * @param scope       PUBLIC or PRIVATE, or null when the checks of (in)consistency do not apply
     * @param description the bind address in words
     */
    private record Reach(AddressScope scope, String description) {
    }
}
