package io.wharf.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Locale;

/**
 * Just enough JSON output for a result file, so the load generator needs no JSON library. Objects and arrays nest;
 * the caller keeps names and values in order (a name, then its value, inside objects). Indented two spaces.
 */
final class JsonWriter {

    private final StringBuilder json = new StringBuilder(1024);
    private final ArrayDeque<Boolean> isFirst = new ArrayDeque<>();    // per open container: nothing written yet
    private boolean afterName;

    JsonWriter beginObject() {
        return open('{');
    }

    JsonWriter endObject() {
        return close('}');
    }

    JsonWriter beginArray() {
        return open('[');
    }

    JsonWriter endArray() {
        return close(']');
    }

    /** Writes a member name; its value comes next. */
    JsonWriter name(String name) {
        separate();
        string(name);
        json.append(": ");
        afterName = true;
        return this;
    }

    JsonWriter value(String value) {
        separate();
        if (value == null) {
            json.append("null");
        } else {
            string(value);
        }
        return this;
    }

    JsonWriter value(long value) {
        separate();
        json.append(value);
        return this;
    }

    /** Three decimals; NaN and infinities, which JSON lacks, become null. */
    JsonWriter value(double value) {
        separate();
        json.append(Double.isFinite(value) ? String.format(Locale.ROOT, "%.3f", value) : "null");
        return this;
    }

    JsonWriter value(boolean value) {
        separate();
        json.append(value);
        return this;
    }

    /** Shorthands for one member. */
    JsonWriter field(String name, String value) {
        return name(name).value(value);
    }

    JsonWriter field(String name, long value) {
        return name(name).value(value);
    }

    JsonWriter field(String name, double value) {
        return name(name).value(value);
    }

    /** Writes the document, with a final newline, to {@code file}. */
    void writeTo(Path file) throws IOException {
        if (!isFirst.isEmpty()) {
            throw new IllegalStateException("JSON has " + isFirst.size() + " unclosed containers");
        }
        Files.writeString(file, json + "\n", StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return json.toString();
    }

    private JsonWriter open(char bracket) {
        separate();
        json.append(bracket);
        isFirst.push(Boolean.TRUE);
        return this;
    }

    private JsonWriter close(char bracket) {
        boolean empty = isFirst.pop();
        if (!empty) {
            newline();
        }
        json.append(bracket);
        return this;
    }

    /** Before any value or name: a comma after a sibling, then a new indented line; nothing right after a name. */
    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (isFirst.isEmpty()) {
            return;
        }
        if (!isFirst.pop()) {
            json.append(',');
        }
        isFirst.push(Boolean.FALSE);
        newline();
    }

    private void newline() {
        json.append('\n');
        json.append("  ".repeat(isFirst.size()));
    }

    private void string(String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
