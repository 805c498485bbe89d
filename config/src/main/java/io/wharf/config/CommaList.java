package io.wharf.config;

import java.util.ArrayList;
import java.util.List;

import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Splits a value written as one comma-separated scalar or as a YAML list of such scalars, the forms that
 * {@code passive.ports}, {@code passive.local-networks} and {@code active.source-ports} all accept:
 * <pre>
 * key: a                    # one item
 * key: a, b                 # comma-separated
 * key: [a, "b, c"]          # a YAML list of any of the above
 * </pre>
 * Each item keeps the line and key an error about it should name: the key itself for the scalar form, the key with
 * the element's index ({@code listeners[0].passive.ports[1]}) for the list form.
 */
final class CommaList {

    /**
     * One item, trimmed, with where it was written.
     *
     * @param text the item without surrounding spaces; may be empty, for callers to reject
     * @param line the 1-based line of the scalar that held it
     * @param key  the key path to name in an error about it
     */
    record Item(String text, int line, String key) {
    }

    private CommaList() {
    }

    /**
     * @param key      the key path of {@code node}, such as {@code listeners[0].passive.ports}
     * @param node     the value, not null
     * @param expected what one item looks like, for the error about a list element that is not a scalar, such as
     *                 {@code "a port range such as 40000-40099"}
     * @return the items in document order; empty only for an empty YAML list
     */
    static List<Item> items(String file, String key, Node node, String expected) throws ConfigException {
        List<Item> items = new ArrayList<>();
        if (node instanceof SequenceNode sequence) {
            List<Node> elements = sequence.getValue();
            for (int i = 0; i < elements.size(); i++) {
                addScalar(items, file, key + "[" + i + "]", elements.get(i), expected);
            }
        } else {
            addScalar(items, file, key, node, expected);
        }
        return items;
    }

    private static void addScalar(List<Item> items, String file, String key, Node node, String expected)
            throws ConfigException {
        int line = YamlDocument.line(node);
        if (!(node instanceof ScalarNode scalar)) {
            String problem = "expected " + expected + ", got " + YamlDocument.describe(node);
            throw new ConfigException(file, line, key, problem);
        }
        for (String piece : scalar.getValue().split(",", -1)) {
            items.add(new Item(piece.trim(), line, key));
        }
    }
}
