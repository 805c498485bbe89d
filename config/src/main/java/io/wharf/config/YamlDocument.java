package io.wharf.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads YAML text into a snakeyaml-engine node tree, turning every failure into a {@link ConfigException}.
 *
 * <p>We work on nodes rather than on loaded maps because only nodes keep their line numbers, and because the
 * constructor that builds maps would already have dropped duplicate keys or turned {@code 0777} into a number.
 */
final class YamlDocument {

    /** Larger files are certainly a mistake; the cap keeps a wrong path from exhausting the heap. */
    static final int MAX_BYTES = 16 << 20;

    private static final int MAX_QUOTED_CHARS = 60;

    private YamlDocument() {
    }

    /**
     * @return the file's text, decoded strictly as UTF-8
     */
    static String read(Path file) throws ConfigException {
        String name = file.toString();
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ConfigException(name, 0, null, "file is larger than " + (MAX_BYTES >> 20) + " MiB");
            }
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new ConfigException(name, 0, null, "file not found", e);
        } catch (AccessDeniedException e) {
            throw new ConfigException(name, 0, null, "permission denied", e);
        } catch (CharacterCodingException e) {
            throw new ConfigException(name, 0, null, "not valid UTF-8", e);
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new ConfigException(name, 0, null, "cannot read file: " + reason, e);
        }
    }

    /**
     * @return the root node of the single document in {@code yaml}, or {@code null} if it is empty
     */
    static Node compose(String yaml, String file) throws ConfigException {
        // The core schema makes ~ and Null mean null, as operators expect from YAML 1.1 habits.
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file)
                .setSchema(new CoreSchema())
                .setCodePointLimit(MAX_BYTES)
                .build();
        try {
            Optional<Node> root = new Compose(settings).composeString(yaml);
            return root.orElse(null);
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            int line = mark.map(m -> m.getLine() + 1).orElse(0);
            throw new ConfigException(file, line, null, "invalid YAML: " + e.getProblem(), e);
        } catch (ReaderException e) {
            String problem = String.format("invalid YAML: unacceptable code point 0x%X (%s)",
                    e.getCodePoint(), e.getMessage());
            throw new ConfigException(file, lineAt(yaml, e.getPosition()), null, problem, e);
        } catch (YamlEngineException e) {
            throw new ConfigException(file, 0, null, "invalid YAML: " + e.getMessage(), e);
        }
    }

    /**
     * @return the 1-based line where {@code node} starts, or 0 if it has no mark
     */
    static int line(Node node) {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
    }

    /**
     * @return whether {@code node} is an explicit YAML null ({@code null}, {@code ~} or nothing at all)
     */
    static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    /**
     * @return {@code node} described for a "got ..." message: the quoted text of a scalar, else its kind
     */
    static String describe(Node node) {
        if (node instanceof ScalarNode scalar) {
            return quote(scalar.getValue());
        }
        return node instanceof MappingNode ? "a mapping" : "a list";
    }

    /**
     * @return {@code text} in double quotes, escaped and shortened so that one bad value cannot flood a log line
     */
    static String quote(String text) {
        String shown = text.length() > MAX_QUOTED_CHARS ? text.substring(0, MAX_QUOTED_CHARS) + "..." : text;
        StringBuilder quoted = new StringBuilder(shown.length() + 2).append('"');
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                quoted.append(String.format("\\x%02X", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    private static int lineAt(String yaml, int codePointIndex) {
        // ReaderException reports a code point index rather than a Mark.
        return 1 + (int) yaml.codePoints().limit(codePointIndex).filter(c -> c == '\n').count();
    }
}
