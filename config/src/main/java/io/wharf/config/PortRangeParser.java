package io.wharf.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Parses the {@code passive.ports} value into non-overlapping {@link PortRange}s.
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

    /** Passive ports below 1024 would need root and collide with well-known services. */
    static final int MIN_PORT = 1024;
    static final int MAX_PORT = 65535;

    private static final Pattern RANGE = Pattern.compile("([0-9]+)(?:\\s*-\\s*([0-9]+))?");

    private final String file;
    private final List<PortRange> ranges = new ArrayList<>();

    private PortRangeParser(String file) {
        this.file = file;
    }

    /**
     * @param key  the key path of {@code node}, such as {@code listeners[0].passive.ports}
     * @param node the value, not null
     */
    static List<PortRange> parse(String file, String key, Node node) throws ConfigException {
        PortRangeParser parser = new PortRangeParser(file);
        if (node instanceof SequenceNode sequence) {
            List<Node> items = sequence.getValue();
            if (items.isEmpty()) {
                throw new ConfigException(file, YamlDocument.line(node), key, "expected at least one port range");
            }
            for (int i = 0; i < items.size(); i++) {
                parser.addScalar(key + "[" + i + "]", items.get(i));
            }
        } else {
            parser.addScalar(key, node);
        }
        return List.copyOf(parser.ranges);
    }

    private void addScalar(String key, Node node) throws ConfigException {
        int line = YamlDocument.line(node);
        if (!(node instanceof ScalarNode scalar)) {
            String problem = "expected a port range such as 40000-40099, got " + YamlDocument.describe(node);
            throw new ConfigException(file, line, key, problem);
        }
        for (String piece : scalar.getValue().split(",", -1)) {
            add(piece.trim(), line, key);
        }
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
