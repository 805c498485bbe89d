package io.wharf.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReplyParserTest {

    private static final String STREAM = "220-Wharf\r\n220-second line\r\n 230 not the end\r\n220 ready\r\n"
            + "331 Password required\r\n230 User logged in\r\n200\r\n";
    private static final int[] CODES = {220, 331, 230, 200};

    @Test
    void everySplitPointGivesTheSameReplies() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.US_ASCII);
        for (int split = 0; split <= bytes.length; split++) {
            ReplyParser parser = new ReplyParser(64);
            int found = 0;
            for (ByteBuffer part : new ByteBuffer[] {ByteBuffer.wrap(bytes, 0, split),
                ByteBuffer.wrap(bytes, split, bytes.length - split)}) {
                int code;
                while ((code = parser.parse(part)) != ReplyParser.NEED_MORE) {
                    assertEquals(CODES[found++], code, "split at " + split);
                }
            }
            assertEquals(CODES.length, found, "split at " + split);
        }
    }

    @Test
    void keepsTheFinalLineWithoutCrlf() {
        ReplyParser parser = new ReplyParser(64);
        assertEquals(229, parser.parse(ascii("229 Entering Extended Passive Mode (|||30042|)\r\n")));
        assertEquals("229 Entering Extended Passive Mode (|||30042|)", parser.lastLine());
    }

    @Test
    void lastLineCharsIsTheSameLineInPlace() {
        ReplyParser parser = new ReplyParser(64);
        assertEquals(229, parser.parse(ascii("229 Entering Extended Passive Mode (|||30042|)\r\n")));
        CharSequence line = parser.lastLineChars();
        assertEquals("229 Entering Extended Passive Mode (|||30042|)", line.toString());
        assertEquals(30042, PassiveReply.epsvPort(line));
        assertEquals(227, parser.parse(ascii("227 Entering Passive Mode (127,0,0,1,117,48)\r\n")));
        assertEquals(117 * 256 + 48, PassiveReply.pasvPort(line));          // the same view, the new line
    }

    @Test
    void resetForgetsAPartialReply() {
        ReplyParser parser = new ReplyParser(64);
        assertEquals(ReplyParser.NEED_MORE, parser.parse(ascii("220-multi\r\n220 not yet")));
        parser.reset();
        assertEquals(331, parser.parse(ascii("331 Password required\r\n")));
    }

    @Test
    void rejectsWhatIsNotAReply() {
        ReplyParser parser = new ReplyParser(0);
        assertEquals(ReplyParser.MALFORMED, parser.parse(ascii("HTTP/1.1 400\r\n")));
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }
}
