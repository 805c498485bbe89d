package io.wharf.bench.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Incremental parser of FTP replies (RFC 959 4.2), one per control connection. Bytes may arrive split anywhere;
 * the parser keeps its place between calls and allocates nothing.
 *
 * <p>A reply is one line {@code "ddd text"}, or a multi-line reply that opens with {@code "ddd-text"} and ends at
 * the first line that starts with the same {@code "ddd "}; lines in between may hold anything.
 *
 * <pre>
 *   SINGLE --"ddd-"--> MULTI(ddd) --"ddd "--> reply ddd, back to SINGLE
 *   SINGLE --"ddd " or "ddd"--> reply ddd
 *   SINGLE --anything else--> {@link #MALFORMED}
 * </pre>
 */
final class ReplyParser {

    /** {@link #parse} found no complete reply yet. */
    static final int NEED_MORE = 0;
    /** {@link #parse} found a line that is not a reply: the connection is not speaking FTP. */
    static final int MALFORMED = -1;

    private final byte[] text;
    private final CharSequence lastLineView = new LastLine();
    private int textLength;
    private int lineLength;
    private int lineCode;
    private byte separator;
    private int openMultiLine;

    /** @param captureBytes how much of each final line to keep for {@link #lastLine}; 0 keeps nothing */
    ReplyParser(int captureBytes) {
        this.text = new byte[captureBytes];
    }

    /**
     * Consumes bytes from {@code in} up to the end of one reply.
     *
     * @return the reply code, {@link #NEED_MORE} when {@code in} ran out first, or {@link #MALFORMED}
     */
    int parse(ByteBuffer in) {
        while (in.hasRemaining()) {
            byte b = in.get();
            if (b == '\n') {
                int code = endOfLine();
                if (code != NEED_MORE) {
                    return code;
                }
            } else {
                onLineByte(b);
            }
        }
        return NEED_MORE;
    }

    /** The last complete reply line without its CRLF, cut at the capture size. Allocates; not for hot paths. */
    String lastLine() {
        return new String(text, 0, textLength, StandardCharsets.UTF_8);
    }

    /**
     * The same line as a view over the parser's own bytes, one char per byte, for reading numbers out of a reply
     * (EPSV, PASV) without allocating. Valid until the next {@link #parse}.
     */
    CharSequence lastLineChars() {
        return lastLineView;
    }

    /** Forgets any partial reply, for a new connection. */
    void reset() {
        textLength = 0;
        lineLength = 0;
        lineCode = 0;
        separator = 0;
        openMultiLine = 0;
    }

    private void onLineByte(byte b) {
        if (lineLength < 3) {
            lineCode = b >= '0' && b <= '9' && lineCode >= 0 ? lineCode * 10 + (b - '0') : -1;
        } else if (lineLength == 3) {
            separator = b;
        }
        if (lineLength < text.length) {
            text[lineLength] = b;
        }
        lineLength++;
    }

    private int endOfLine() {
        int code = lineLength >= 3 && lineCode >= 100 ? lineCode : -1;
        // "ddd" alone and "ddd\r" are complete one-line replies too; some servers send them for terse answers.
        boolean isFinal = code > 0 && (lineLength == 3 || separator == ' ' || separator == '\r');
        boolean opensMultiLine = code > 0 && lineLength > 3 && separator == '-';
        textLength = Math.min(lineLength, text.length);
        if (textLength > 0 && text[textLength - 1] == '\r') {
            textLength--;
        }
        lineLength = 0;
        lineCode = 0;
        separator = 0;
        if (openMultiLine != 0) {
            if (isFinal && code == openMultiLine) {
                openMultiLine = 0;
                return code;
            }
            return NEED_MORE;                                  // a line inside a multi-line reply
        }
        if (opensMultiLine) {
            openMultiLine = code;
            return NEED_MORE;
        }
        return isFinal ? code : MALFORMED;
    }

    /** {@link #lastLineChars}: Latin-1 view of {@code text[0, textLength)}. */
    private final class LastLine implements CharSequence {
        @Override
        public int length() {
            return textLength;
        }

        @Override
        public char charAt(int index) {
            if (index < 0 || index >= textLength) {
                throw new IndexOutOfBoundsException(index);
            }
            return (char) (text[index] & 0xff);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return toString().subSequence(start, end);
        }

        @Override
        public String toString() {
            return lastLine();
        }
    }
}
