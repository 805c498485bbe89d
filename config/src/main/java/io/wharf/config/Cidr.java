package io.wharf.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;

/**
 * An IPv4 or IPv6 network in CIDR notation, e.g. {@code 10.0.0.0/8}, {@code 192.168.1.0/24}, {@code fd00::/8};
 * a bare address means /32 or /128.
 *
 * <p>The network is normalised: host bits are zeroed, so {@code 10.1.2.3/8} becomes {@code 10.0.0.0/8}, and the
 * address carries no host name and no IPv6 scope. An IPv4-mapped IPv6 network such as {@code ::ffff:10.0.0.0/104}
 * becomes the IPv4 network it stands for ({@code 10.0.0.0/8}), because {@link #contains} matches mapped addresses
 * as IPv4 addresses.
 *
 * <p>Nothing here ever resolves a host name: {@link #parse} accepts literal addresses only, parsed by its own code,
 * and {@link #toString()} never does a reverse lookup.
 *
 * @param network      the network address, host bits zero; an {@link java.net.Inet4Address} or an
 *                     {@link Inet6Address} that is not IPv4-mapped
 * @param prefixLength the number of leading network bits: 0 to 32 for IPv4, 0 to 128 for IPv6
 */
public record Cidr(InetAddress network, int prefixLength) {

    private static final int IPV4_BYTES = 4;
    private static final int IPV6_BYTES = 16;
    private static final int MAPPED_PREFIX_BITS = 96;
    private static final int IPV6_WORDS = 8;

    /**
     * Normalises the network as described above.
     *
     * @throws IllegalArgumentException if {@code prefixLength} is outside 0-32 (IPv4) or 0-128 (IPv6)
     */
    public Cidr {
        Objects.requireNonNull(network, "network");
        byte[] bytes = network.getAddress();
        int bits = bytes.length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " of " + network.getHostAddress()
                    + " is out of range 0-" + bits);
        }
        for (int bit = prefixLength; bit < bits; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        if (isMapped(bytes)) {
            // Zeroing cannot leave a mapped address unless prefixLength >= 96, so the subtraction stays >= 0.
            bytes = Arrays.copyOfRange(bytes, IPV6_BYTES - IPV4_BYTES, IPV6_BYTES);
            prefixLength -= MAPPED_PREFIX_BITS;
        }
        network = toAddress(bytes);
    }

    /**
     * Parses {@code address/prefix} or a bare address. IPv4 addresses are four decimal parts 0-255 without leading
     * zeros (which some tools read as octal); IPv6 addresses are the RFC 4291 text forms, with {@code ::} and an
     * optional dotted IPv4 tail, but no zone ({@code %eth0}) and no brackets. Surrounding spaces are not trimmed.
     *
     * @param text the network, such as {@code 192.168.0.0/16}, {@code fd00::/8} or {@code 10.0.0.1}
     * @return the normalised network
     * @throws IllegalArgumentException if {@code text} is not a literal network; the message is meant for an
     *                                  operator, e.g. {@code "10.0.0.0/33" is not a network (prefix must be 0-32)}
     */
    public static Cidr parse(String text) {
        Objects.requireNonNull(text, "text");
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        boolean ipv6 = addressText.indexOf(':') >= 0;
        byte[] bytes = ipv6 ? parseIpv6(addressText) : parseIpv4(addressText);
        if (bytes == null) {
            String example = ipv6 ? "fd00::/8" : "10.0.0.0/8";
            throw new IllegalArgumentException(YamlDocument.quote(text) + " is not a network (use e.g. " + example
                    + ")");
        }
        int bits = bytes.length * 8;
        int prefix = slash < 0 ? bits : parsePrefix(text.substring(slash + 1), bits);
        if (prefix < 0) {
            throw new IllegalArgumentException(YamlDocument.quote(text) + " is not a network (prefix must be 0-"
                    + bits + ")");
        }
        return new Cidr(toAddress(bytes), prefix);
    }

    /**
     * Tells whether {@code address} lies in this network. Addresses of the other family never do, except that an
     * IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}, as a dual-stack socket may report an IPv4 client) is
     * matched as the IPv4 address {@code a.b.c.d}; so {@code ::/0} does not contain it. Scope ids are ignored.
     *
     * @param address the address to test, not null
     * @return whether the first {@link #prefixLength()} bits of {@code address} equal the network's
     */
    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (isMapped(candidate)) {
            candidate = Arrays.copyOfRange(candidate, IPV6_BYTES - IPV4_BYTES, IPV6_BYTES);
        }
        byte[] bytes = network.getAddress();
        if (candidate.length != bytes.length) {
            return false;
        }
        int whole = prefixLength / 8;
        for (int i = 0; i < whole; i++) {
            if (candidate[i] != bytes[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (candidate[whole] & mask) == (bytes[whole] & 0xff);
    }

    /**
     * @return the network as an operator writes it: {@code "10.0.0.0/8"}, or for IPv6 the RFC 5952 form such as
     *         {@code "fd00::/8"}
     */
    @Override
    public String toString() {
        return format(network) + "/" + prefixLength;
    }

    /**
     * An address as operators write it in config files and read it in logs: {@code 203.0.113.5}, or for IPv6 the
     * short RFC 5952 form without a zone ({@code 2001:db8::5}) rather than the JDK's {@code 2001:db8:0:0:0:0:0:5%eth0}.
     * Never resolves anything.
     */
    public static String format(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == IPV4_BYTES ? address.getHostAddress() : formatIpv6(bytes);
    }

    private static boolean isMapped(byte[] bytes) {
        if (bytes.length != IPV6_BYTES) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    private static InetAddress toAddress(byte[] bytes) {
        try {
            // InetAddress.getByAddress would turn a mapped IPv6 address into an Inet4Address; keep the family as
            // written so the constructor can adjust the prefix length with it.
            return bytes.length == IPV6_BYTES ? Inet6Address.getByAddress(null, bytes, -1)
                    : InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of " + bytes.length + " bytes", e);
        }
    }

    /**
     * @return the prefix length, or -1 unless {@code text} is 1 to 3 ASCII digits with a value of at most
     *         {@code bits}
     */
    private static int parsePrefix(String text, int bits) {
        if (text.isEmpty() || text.length() > 3) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= bits ? value : -1;
    }

    /**
     * @return the four bytes of a dotted-quad address, or {@code null} if {@code text} is not one
     */
    private static byte[] parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != IPV4_BYTES) {
            return null;
        }
        byte[] bytes = new byte[IPV4_BYTES];
        for (int i = 0; i < IPV4_BYTES; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
                return null;
            }
            int value = 0;
            for (int j = 0; j < part.length(); j++) {
                char c = part.charAt(j);
                if (c < '0' || c > '9') {
                    return null;
                }
                value = value * 10 + (c - '0');
            }
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    /**
     * @return the sixteen bytes of an IPv6 address in RFC 4291 text form, or {@code null} if {@code text} is not one
     */
    private static byte[] parseIpv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head = words(gap < 0 ? text : text.substring(0, gap), gap < 0);
        int[] tail = gap < 0 ? new int[0] : words(text.substring(gap + 2), true);
        if (head == null || tail == null) {
            return null;
        }
        int count = head.length + tail.length;
        if (gap < 0 ? count != IPV6_WORDS : count > IPV6_WORDS - 1) {
            return null;
        }
        int[] words = new int[IPV6_WORDS];
        System.arraycopy(head, 0, words, 0, head.length);
        System.arraycopy(tail, 0, words, IPV6_WORDS - tail.length, tail.length);
        byte[] bytes = new byte[IPV6_BYTES];
        for (int i = 0; i < IPV6_WORDS; i++) {
            bytes[2 * i] = (byte) (words[i] >>> 8);
            bytes[2 * i + 1] = (byte) words[i];
        }
        return bytes;
    }

    /**
     * @param text        colon-separated groups of 1 to 4 hex digits, or "" for none
     * @param dottedTail  whether the last group may be a dotted IPv4 address, which counts as two groups
     * @return the 16-bit words, or {@code null} if {@code text} is malformed
     */
    private static int[] words(String text, boolean dottedTail) {
        if (text.isEmpty()) {
            return new int[0];
        }
        String[] groups = text.split(":", -1);
        if (groups.length > IPV6_WORDS) {
            return null;
        }
        int[] words = new int[groups.length + 1];
        int count = 0;
        for (int i = 0; i < groups.length; i++) {
            String group = groups[i];
            if (dottedTail && i == groups.length - 1 && group.indexOf('.') >= 0) {
                byte[] ipv4 = parseIpv4(group);
                if (ipv4 == null) {
                    return null;
                }
                words[count++] = (ipv4[0] & 0xff) << 8 | ipv4[1] & 0xff;
                words[count++] = (ipv4[2] & 0xff) << 8 | ipv4[3] & 0xff;
                continue;
            }
            if (group.isEmpty() || group.length() > 4) {
                return null;
            }
            int value = 0;
            for (int j = 0; j < group.length(); j++) {
                int digit = hexDigit(group.charAt(j));
                if (digit < 0) {
                    return null;
                }
                value = value << 4 | digit;
            }
            words[count++] = value;
        }
        return Arrays.copyOf(words, count);
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /**
     * @return RFC 5952 text: lower-case hex without leading zeros, the longest run of two or more zero groups
     *         (the first, on a tie) written as {@code ::}
     */
    private static String formatIpv6(byte[] bytes) {
        int[] words = new int[IPV6_WORDS];
        for (int i = 0; i < IPV6_WORDS; i++) {
            words[i] = (bytes[2 * i] & 0xff) << 8 | bytes[2 * i + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < IPV6_WORDS; ) {
            int end = i;
            while (end < IPV6_WORDS && words[end] == 0) {
                end++;
            }
            if (end - i > bestLength) {
                bestStart = i;
                bestLength = end - i;
            }
            i = end == i ? i + 1 : end;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < IPV6_WORDS; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(words[i]));
        }
        return text.toString();
    }
}
