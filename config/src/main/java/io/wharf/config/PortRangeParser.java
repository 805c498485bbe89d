package io.wharf.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Parses a port-range value ({@code passive.ports}, {@code active.source-ports}) into non-overlapping
 * {@link PortRange}s.
 *
 * <p>Accepted forms, all meaning the same kind of thing so operators need not remember which one is allowed:
 * <pre>
 * ports: 40000                        # one port
 * ports: 40000-40099                  # one range
 * ports: 40000-40099, 42000-42099     # comma-separated
 * ports: [40000-40099, 42000]         # a YAML list of any of the above
 * </pre>
 */
final class PortRangeParser {

    /** Ports below 1024 would need root and collide with well-known services. */
    static final int MIN_PORT = 1024;
    static final int MAX_PORT = 65535;

    private static final Pattern RANGE = Pattern.compile("([0-9]+)(?:\\s*-\\s*([0-9]+))?");

    private final String file;
    private final List<PortRange> reserved;
    private final String reservedName;
    private final List<PortRange> ranges = new ArrayList<>();

    private PortRangeParser(String file, List<PortRange> reserved, String reservedName) {
        this.file = file;
        this.reserved = reserved;
        this.reservedName = reservedName;
    }

    /**
     * @param key  the key path of {@code node}, such as {@code listeners[0].passive.ports}
     * @param node the value, not null
     */
    static List<PortRange> parse(String file, String key, Node node) throws ConfigException {
        return parse(file, key, node, List.of(), null);
    }

    /**
     * Parses like {@link #parse(String, String, Node)}, and also rejects any range that overlaps {@code reserved}.
     *
     * @param reserved     ranges already taken by another setting
     * @param reservedName what they are, for the message: {@code "1-2" overlaps <reservedName> "3-4"}
     */
    static List<PortRange> parse(String file, String key, Node node, List<PortRange> reserved, String reservedName)
            throws ConfigException {
        PortRangeParser parser = new PortRangeParser(file, reserved, reservedName);
        List<CommaList.Item> items = CommaList.items(file, key, node, "a port range such as 40000-40099");
        if (items.isEmpty()) {
            throw new ConfigException(file, YamlDocument.line(node), key, "expected at least one port range");
        }
        for (CommaList.Item item : items) {
            parser.add(item.text(), item.line(), item.key());
        }
        return List.copyOf(parser.ranges);
    }

    private void add(String text, int line, String key) throws ConfigException {
        Matcher matcher = RANGE.matcher(text);
        if (!matcher.matches()) {
            String problem = YamlDocument.quote(text) + " is not a port range (use e.g. 40000-40099)";
            throw new ConfigException(file, line, key, problem);
        }
        int first = port(matcher.group(1), line, key);
        int last = matcher.group(2) == null ? first : port(matcher.group(2), line, key);
        if (first > last) {
            String problem = YamlDocument.quote(text) + " is not a port range (first > last)";
            throw new ConfigException(file, line, key, problem);
        }
        PortRange range = new PortRange(first, last);
        for (PortRange earlier : ranges) {
            if (range.overlaps(earlier)) {
                String problem = "\"" + range + "\" overlaps \"" + earlier + "\"";
                throw new ConfigException(file, line, key, problem);
            }
        }
        for (PortRange taken : reserved) {
            if (range.overlaps(taken)) {
                String problem = "\"" + range + "\" overlaps " + reservedName + " \"" + taken + "\"";
                throw new ConfigException(file, line, key, problem);
            }
        }
        ranges.add(range);
    }

    private int port(String digits, int line, String key) throws ConfigException {
        BigInteger port = new BigInteger(digits);
        if (port.compareTo(BigInteger.valueOf(MIN_PORT)) < 0 || port.compareTo(BigInteger.valueOf(MAX_PORT)) > 0) {
            throw new ConfigException(file, line, key, port + " is out of range " + MIN_PORT + "-" + MAX_PORT);
        }
        return port.intValue();
    }
}
