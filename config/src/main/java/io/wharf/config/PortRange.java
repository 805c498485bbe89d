package io.wharf.config;

/**
 * An inclusive range of TCP ports, such as {@code 40000-40099}.
 *
 * <p>A single port is a range whose {@code first} equals its {@code last}. {@link #toString()} gives the range as
 * an operator writes it ({@code "40000-40099"} or {@code "40000"}), so it can go straight into log lines.
 *
 * @param first the lowest port, 1 to 65535
 * @param last  the highest port, {@code first} to 65535
 */
public record PortRange(int first, int last) {

    /**
     * @throws IllegalArgumentException if a port is outside 1-65535 or {@code first > last}
     */
    public PortRange {
        if (first < 1 || first > 65535 || last < 1 || last > 65535) {
            throw new IllegalArgumentException("port range " + first + "-" + last + " is outside 1-65535");
        }
        if (first > last) {
            throw new IllegalArgumentException("port range " + first + "-" + last + " has first > last");
        }
    }

    /**
     * @return the number of ports in the range, at least 1
     */
    public int size() {
        return last - first + 1;
    }

    /**
     * @return whether this range shares at least one port with {@code other}
     */
    public boolean overlaps(PortRange other) {
        return first <= other.last && other.first <= last;
    }

    @Override
    public String toString() {
        return first == last ? Integer.toString(first) : first + "-" + last;
    }
}
