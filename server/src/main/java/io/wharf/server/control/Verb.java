package io.wharf.server.control;

/**
 * FTP verbs packed into a {@code long}: six bits per character, upper-cased, so dispatch needs no {@code String}.
 * Verbs are letters and digits (RFC 959 uses 3-4 letters; extensions such as {@code XSHA256} add digits), at most ten.
 */
public final class Verb {

    /** The packed value of anything that is not a well-formed verb. */
    public static final long INVALID = 0L;
    /** Longest verb accepted; ten six-bit characters fill 60 bits. */
    public static final int MAX_LENGTH = 10;

    private Verb() {
    }

    /** Packs {@code bytes[0..length)}; returns {@link #INVALID} unless it is 1-10 ASCII letters or digits. */
    public static long pack(byte[] bytes, int offset, int length) {
        if (length < 1 || length > MAX_LENGTH) {
            return INVALID;
        }
        long packed = 0;
        for (int i = offset; i < offset + length; i++) {
            int code = code(bytes[i]);
            if (code == 0) {
                return INVALID;
            }
            packed = (packed << 6) | code;
        }
        return packed;
    }

    /** Packs a verb given as text, for building the command table. */
    public static long pack(String verb) {
        byte[] bytes = new byte[verb.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = verb.charAt(i);
            bytes[i] = c < 128 ? (byte) c : 0;
        }
        long packed = pack(bytes, 0, bytes.length);
        if (packed == INVALID) {
            throw new IllegalArgumentException("not a verb: " + verb);
        }
        return packed;
    }

    /** Letters map to 1-26 (case folded), digits to 27-36, anything else to 0. */
    private static int code(byte b) {
        if (b >= 'A' && b <= 'Z') {
            return b - 'A' + 1;
        }
        if (b >= 'a' && b <= 'z') {
            return b - 'a' + 1;
        }
        if (b >= '0' && b <= '9') {
            return b - '0' + 27;
        }
        return 0;
    }
}
