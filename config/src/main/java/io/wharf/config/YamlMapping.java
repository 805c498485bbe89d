package io.wharf.config;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * One YAML mapping, checked for unknown and duplicate keys, with typed reads that fail as {@link ConfigException}.
 *
 * <p>A key that is absent or explicitly null reads as its default, so {@code limits:} with nothing under it is
 * the same as no {@code limits} at all. Errors point at the value's line, or at the key's for key problems.
 */
final class YamlMapping {

    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
    private static final Duration MIN_DURATION = Duration.ofMillis(1);
    private static final Duration MAX_DURATION = Duration.ofHours(8760);
    /** The one word that turns off what a duration key schedules, as {@code session-reuse: off} turns reuse off. */
    private static final String OFF = "off";

    private final String file;
    private final String path;
    private final Node node;
    private final Map<String, NodeTuple> entries;

    private YamlMapping(String file, String path, Node node, Map<String, NodeTuple> entries) {
        this.file = file;
        this.path = path;
        this.node = node;
        this.entries = entries;
    }

    /**
     * @param path        the mapping's own key path, "" for the document root
     * @param node        the mapping node, or {@code null} if absent
     * @param allowedKeys the keys it may hold, in the order to list them in errors, or {@code null} for any key
     */
    static YamlMapping of(String file, String path, Node node, List<String> allowedKeys) throws ConfigException {
        if (node == null || YamlDocument.isNull(node)) {
            return new YamlMapping(file, path, node, Map.of());
        }
        if (!(node instanceof MappingNode mapping)) {
            String key = path.isEmpty() ? null : path;
            throw new ConfigException(file, YamlDocument.line(node), key, "expected a mapping");
        }
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            int line = YamlDocument.line(keyNode);
            if (!(keyNode instanceof ScalarNode scalar)) {
                String problem = "expected a plain key, got " + YamlDocument.describe(keyNode);
                throw new ConfigException(file, line, path.isEmpty() ? null : path, problem);
            }
            String key = scalar.getValue();
            if (allowedKeys != null && !allowedKeys.contains(key)) {
                String problem = "unknown key (expected one of: " + String.join(", ", allowedKeys) + ")";
                throw new ConfigException(file, line, join(path, key), problem);
            }
            if (entries.putIfAbsent(key, tuple) != null) {
                throw new ConfigException(file, line, join(path, key), "duplicate key");
            }
        }
        return new YamlMapping(file, path, node, entries);
    }

    String file() {
        return file;
    }

    /**
     * @return the keys present, in document order
     */
    List<String> keys() {
        return List.copyOf(entries.keySet());
    }

    /**
     * @return the dotted path of {@code key} in this mapping
     */
    String path(String key) {
        return join(path, key);
    }

    /**
     * @return the value of {@code key}, or {@code null} if it is absent or null
     */
    Node value(String key) {
        NodeTuple tuple = entries.get(key);
        if (tuple == null || YamlDocument.isNull(tuple.getValueNode())) {
            return null;
        }
        return tuple.getValueNode();
    }

    /**
     * @return the line of {@code key} itself, or of this mapping if the key is absent
     */
    int keyLine(String key) {
        NodeTuple tuple = entries.get(key);
        if (tuple != null) {
            return YamlDocument.line(tuple.getKeyNode());
        }
        return node == null ? 0 : YamlDocument.line(node);
    }

    /**
     * @return an error about {@code key}, at its value's line; at the mapping's line if the key was defaulted
     */
    ConfigException error(String key, String problem) {
        NodeTuple tuple = entries.get(key);
        int line = tuple != null ? YamlDocument.line(tuple.getValueNode()) : keyLine(key);
        return new ConfigException(file, line, path(key), problem);
    }

    YamlMapping mapping(String key, List<String> allowedKeys) throws ConfigException {
        return of(file, path(key), value(key), allowedKeys);
    }

    /**
     * @return the items of the list at {@code key}, or {@code null} if it is absent
     */
    List<Node> list(String key) throws ConfigException {
        Node value = value(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof SequenceNode sequence)) {
            throw error(key, "expected a list");
        }
        return sequence.getValue();
    }

    String string(String key, String defaultValue) throws ConfigException {
        Node value = value(key);
        return value == null ? defaultValue : scalar(key, value, "a string");
    }

    String nonEmptyString(String key, String defaultValue) throws ConfigException {
        String text = string(key, defaultValue);
        if (text != null && text.isEmpty()) {
            throw error(key, "must not be empty");
        }
        return text;
    }

    /**
     * Reads {@code true} or {@code false} (also {@code True}, {@code TRUE}, ...), as the YAML 1.2 core schema does;
     * {@code yes}, {@code on} and {@code 1} are rejected rather than guessed at.
     */
    boolean bool(String key, boolean defaultValue) throws ConfigException {
        Node value = value(key);
        if (value == null) {
            return defaultValue;
        }
        String text = scalar(key, value, "true or false");
        return switch (text) {
            case "true", "True", "TRUE" -> true;
            case "false", "False", "FALSE" -> false;
            default -> throw error(key, "expected true or false, got " + YamlDocument.quote(text));
        };
    }

    int integer(String key, int defaultValue, int min, int max) throws ConfigException {
        Node value = value(key);
        if (value == null) {
            return defaultValue;
        }
        String text = scalar(key, value, "an integer");
        if (!INTEGER.matcher(text).matches()) {
            throw error(key, "expected an integer, got " + YamlDocument.quote(text));
        }
        BigInteger number = new BigInteger(text);
        if (number.compareTo(BigInteger.valueOf(min)) < 0 || number.compareTo(BigInteger.valueOf(max)) > 0) {
            throw error(key, number + " is out of range " + min + "-" + max);
        }
        return number.intValue();
    }

    /**
     * Reads one of the constants of {@code defaultValue}'s enum, written as its name in lower case with {@code -} for
     * {@code _} ({@code none}, {@code control}, ...); other spellings are rejected rather than guessed at.
     */
    <E extends Enum<E>> E choice(String key, E defaultValue) throws ConfigException {
        return choice(key, defaultValue.getDeclaringClass(), defaultValue);
    }

    /** As {@link #choice(String, Enum)}, for a key whose default may be null. */
    <E extends Enum<E>> E choice(String key, Class<E> type, E defaultValue) throws ConfigException {
        Node value = value(key);
        if (value == null) {
            return defaultValue;
        }
        E[] constants = type.getEnumConstants();
        List<String> names = new ArrayList<>(constants.length);
        for (E constant : constants) {
            names.add(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        String text = scalar(key, value, "one of " + String.join(", ", names));
        int index = names.indexOf(text);
        if (index < 0) {
            throw error(key, YamlDocument.quote(text) + " is not one of " + String.join(", ", names));
        }
        return constants[index];
    }

    /**
     * Reads integer seconds, or a whole number with a unit: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}.
     */
    Duration duration(String key, Duration defaultValue) throws ConfigException {
        Node value = value(key);
        if (value == null) {
            return defaultValue;
        }
        return parseDuration(key, scalar(key, value, "a duration"), MIN_DURATION, false);
    }

    /**
     * Reads a duration as {@link #duration} does, of at least {@code min}, or the word {@code off}.
     *
     * @return the duration, {@code defaultValue} if the key is absent or null, or {@code null} for {@code off}
     */
    Duration durationOrOff(String key, Duration defaultValue, Duration min) throws ConfigException {
        Node value = value(key);
        if (value == null) {
            return defaultValue;
        }
        String text = scalar(key, value, "a duration or off");
        return text.equals(OFF) ? null : parseDuration(key, text, min, true);
    }

    /**
     * @param orOff whether the key also accepts {@code off}, for messages
     */
    private Duration parseDuration(String key, String text, Duration min, boolean orOff) throws ConfigException {
        Duration duration = DurationText.parse(text);
        if (duration == null) {
            throw error(key, YamlDocument.quote(text) + (orOff ? " is not a duration or off (use e.g. 30s, 5m, 1h, off)"
                    : " is not a duration (use e.g. 30s, 5m, 1h)"));
        }
        if (duration.compareTo(min) < 0 || duration.compareTo(MAX_DURATION) > 0) {
            throw error(key, YamlDocument.quote(text) + " is out of range " + describe(min) + "-"
                    + MAX_DURATION.toHours() + "h" + (orOff ? " (or off)" : ""));
        }
        return duration;
    }

    /** A bound as an operator writes it: 1ms, 1s, 5m. */
    private static String describe(Duration bound) {
        long millis = bound.toMillis();
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1_000 == 0 ? millis / 1_000 + "s" : millis + "ms";
    }

    private String scalar(String key, Node value, String expected) throws ConfigException {
        if (!(value instanceof ScalarNode scalar)) {
            throw error(key, "expected " + expected + ", got " + YamlDocument.describe(value));
        }
        return scalar.getValue();
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
