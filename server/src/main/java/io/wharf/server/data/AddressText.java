package io.wharf.server.data;

import io.wharf.config.Cidr;
import java.net.Inet4Address;
import java.net.InetAddress;

/** Addresses as operators write them in log lines: {@code 203.0.113.5}, {@code 2001:db8::5} (RFC 5952). */
final class AddressText {

    private AddressText() {
    }

    /**
     * @return the literal, without a host name, and for IPv6 in the short RFC 5952 form without a zone ({@code %eth0}),
     *         rather than the JDK's {@code 2001:db8:0:0:0:0:0:5%eth0}
     */
    static String of(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        // A one-host network prints exactly the address, compressed; it never resolves anything.
        String network = new Cidr(address, address.getAddress().length * 8).toString();
        return network.substring(0, network.indexOf('/'));
    }
}
