package io.wharf.bench.load;

import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Reads the JSON that {@link JsonWriter} writes, so tests can check that a result file parses and look members up
 * by path instead of by pattern. JSON is YAML 1.2, so snakeyaml-engine (already on the class path for the config)
 * parses it: objects become maps, arrays lists, numbers Integer, Long or Double.
 */
final class TestJson {

    private TestJson() {
    }

    /** The document, which must be one object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(String text) {
        Object value = new Load(LoadSettings.builder().build()).loadFromString(text);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("not one JSON object: " + text);
        }
        return (Map<String, Object>) value;
    }

    /** The object member at {@code path}, as in {@code get(json, "kinds", "list")}. */
    @SuppressWarnings("unchecked")
    static Object get(Map<String, Object> object, String... path) {
        Object value = object;
        for (String name : path) {
            if (!(value instanceof Map) || !((Map<String, Object>) value).containsKey(name)) {
                throw new AssertionError("no " + String.join(".", path) + " in " + object);
            }
            value = ((Map<String, Object>) value).get(name);
        }
        return value;
    }

    /** The number at {@code path}. */
    static double number(Map<String, Object> object, String... path) {
        Object value = get(object, path);
        if (!(value instanceof Number)) {
            throw new AssertionError(String.join(".", path) + " is not a number: " + value);
        }
        return ((Number) value).doubleValue();
    }
}
