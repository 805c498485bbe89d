package io.wharf.server.control;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * One decoded control line: the packed verb, its text (for replies and logs) and the argument.
 *
 * @param verb     {@link Verb#pack packed} verb, or {@link Verb#INVALID}
 * @param verbText the verb as sent, upper-cased
 * @param argument everything after the first space; empty when there is none. UTF-8 (RFC 2640), falling back to
 *                 ISO-8859-1 for clients that send legacy encodings so their bytes still name their files.
 */
public record Command(long verb, String verbText, String argument) {

    /**
     * Stands for a line that was over the length cap. It queues and answers in order like any command, so its
     * {@code 500} never overtakes the reply of a transfer still running.
     */
    public static final Command TOO_LONG = new Command(Verb.INVALID, "", "");

    /** Parses {@code line[0..length)}, which holds no line terminator. */
    public static Command parse(byte[] line, int length) {
        int space = 0;
        while (space < length && line[space] != ' ') {
            space++;
        }
        long verb = Verb.pack(line, 0, space);
        String verbText = new String(line, 0, Math.min(space, 32), StandardCharsets.ISO_8859_1)
                .toUpperCase(java.util.Locale.ROOT);
        String argument = space + 1 < length ? decode(line, space + 1, length - space - 1) : "";
        return new Command(verb, verbText, argument);
    }

    /** True when the verb is well formed. */
    public boolean isValid() {
        return verb != Verb.INVALID;
    }

    /** True when an argument was given. */
    public boolean hasArgument() {
        return !argument.isEmpty();
    }

    private static String decode(byte[] bytes, int offset, int length) {
        if (isAscii(bytes, offset, length)) {
            // Nearly every argument: one compact string, no decoder (a checked UTF-8 decoder allocates ~200 B).
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
    }

    private static boolean isAscii(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }
}
