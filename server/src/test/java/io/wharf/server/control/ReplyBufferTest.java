package io.wharf.server.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.tls.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyBufferTest {

    @Test
    void singleLineReply() {
        ReplyBuffer replies = new ReplyBuffer(4096);
        assertTrue(replies.isEmpty());
        replies.reply(220, "Wharf ready");
        assertFalse(replies.isEmpty());
        assertEquals("220 Wharf ready\r\n", replies.pendingText());
    }

    @Test
    void multilineReplyFollowsRfc959() {
        ReplyBuffer replies = new ReplyBuffer(4096);
        replies.multiline(211, "Features:", List.of("EPSV", "UTF8"), "End");
        assertEquals("211-Features:\r\n EPSV\r\n UTF8\r\n211 End\r\n", replies.pendingText());
    }

    @Test
    void multilineWithoutMiddleLines() {
        ReplyBuffer replies = new ReplyBuffer(4096);
        replies.multiline(214, "Help", List.of(), "End");
        assertEquals("214-Help\r\n214 End\r\n", replies.pendingText());
    }

    @Test
    void crAndLfInTextBecomeSpaces() {
        ReplyBuffer replies = new ReplyBuffer(4096);
        replies.reply(550, "a\r\n230 injected\rb\nc");
        assertEquals("550 a  230 injected b c\r\n", replies.pendingText());
    }

    @Test
    void crAndLfInMultilineTextBecomeSpaces() {
        ReplyBuffer replies = new ReplyBuffer(4096);
        replies.multiline(211, "x\ny", List.of("m\r\n211 fake"), "e\rf");
        assertEquals("211-x y\r\n m  211 fake\r\n211 e f\r\n", replies.pendingText());
    }

    @Test
    void crAndLfAfterNonAsciiBecomeSpaces() {
        // Non-ASCII text takes a separate encoding path; it must sanitise too.
        ReplyBuffer replies = new ReplyBuffer(4096);
        replies.reply(257, "\"/\u00FC\r\n230 x\"");
        assertEquals("257 \"/\u00FC  230 x\"\r\n", replies.pendingText());
    }

    @Test
    void nonAsciiTextIsUtf8() throws IOException {
        ReplyBuffer replies = new ReplyBuffer(4096);
        String text = "\"/d\u00E9j\u00E0 \u65E5\u672C \uD83D\uDE00\" created";
        replies.reply(257, text);
        FakeTransport transport = new FakeTransport(1024);
        assertTrue(replies.flushTo(transport));
        assertArrayEquals(("257 " + text + "\r\n").getBytes(StandardCharsets.UTF_8), transport.written());
    }

    @Test
    void codeMustHaveThreeDigits() {
        ReplyBuffer replies = new ReplyBuffer(4096);
        assertThrows(IllegalArgumentException.class, () -> replies.reply(99, "x"));
        assertThrows(IllegalArgumentException.class, () -> replies.reply(1000, "x"));
    }

    @Test
    void exactlyFullIsNotOverflow() {
        ReplyBuffer replies = new ReplyBuffer(1024);
        replies.reply(200, "x".repeat(1024 - 6));                 // "200 " + text + CRLF = 1024 bytes
        assertFalse(replies.isOverflowed());
        assertEquals(1024, replies.pendingText().length());
    }

    @Test
    void exceedingTheCapOverflows() {
        ReplyBuffer replies = new ReplyBuffer(1024);
        replies.reply(200, "x".repeat(1024 - 6));
        replies.reply(200, "");
        assertTrue(replies.isOverflowed());
        assertTrue(replies.pendingText().length() <= 1024);
    }

    @Test
    void clientThatNeverReadsOverflowsAtTheCap() {
        ReplyBuffer replies = new ReplyBuffer(4096);
        int written = 0;
        while (!replies.isOverflowed()) {
            replies.reply(200, "NOOP ok");
            written += "200 NOOP ok\r\n".length();
            assertTrue(written < 4096 + 100, "never overflowed");
        }
        assertTrue(written > 4096);
    }

    @Test
    void flushWritesEverythingInOrderThroughSmallWrites() throws IOException {
        ReplyBuffer replies = new ReplyBuffer(4096);
        replies.reply(220, "hello");
        replies.multiline(211, "Features:", List.of("EPSV", "PASV"), "End");
        String expected = replies.pendingText();
        FakeTransport transport = new FakeTransport(3);
        assertTrue(replies.flushTo(transport));
        assertEquals(expected, transport.writtenText());
        assertTrue(replies.isEmpty());
    }

    @Test
    void partialFlushKeepsTheRestAndAppendsAfterIt() throws IOException {
        ReplyBuffer replies = new ReplyBuffer(4096);
        replies.reply(150, "Opening data connection");
        replies.reply(226, "Transfer complete");
        String first = replies.pendingText();
        FakeTransport transport = new FakeTransport(7);
        transport.writesLeft = 3;                       // the socket takes 21 bytes, then is full

        assertFalse(replies.flushTo(transport));
        assertEquals(first.substring(0, 21), transport.writtenText());
        assertEquals(first.substring(21), replies.pendingText());
        assertFalse(replies.isEmpty());

        replies.reply(221, "Goodbye");
        assertFalse(replies.flushTo(transport));        // still full: nothing moves
        assertEquals(21, transport.written().length);

        transport.writesLeft = Integer.MAX_VALUE;
        assertTrue(replies.flushTo(transport));
        assertEquals(first + "221 Goodbye\r\n", transport.writtenText());
        assertTrue(replies.isEmpty());
    }

    @Test
    void flushIsNotDoneWhileTransportHoldsOutput() throws IOException {
        ReplyBuffer replies = new ReplyBuffer(4096);
        replies.reply(200, "ok");
        FakeTransport transport = new FakeTransport(1024);
        transport.pending = true;
        assertFalse(replies.flushTo(transport));
        assertTrue(replies.isEmpty());
        transport.pending = false;
        assertTrue(replies.flushTo(transport));
        assertEquals("200 ok\r\n", transport.writtenText());
    }

    @Test
    void bigReplyThenSmallRepliesStillFlushCorrectly() throws IOException {
        // The buffer grows for a large reply and shrinks once drained; later replies must not be lost.
        ReplyBuffer replies = new ReplyBuffer(64 * 1024);
        String big = "b".repeat(10_000);
        replies.reply(200, big);
        FakeTransport transport = new FakeTransport(4096);
        assertTrue(replies.flushTo(transport));
        replies.reply(200, "small");
        assertTrue(replies.flushTo(transport));
        assertEquals("200 " + big + "\r\n200 small\r\n", transport.writtenText());
        assertFalse(replies.isOverflowed());
    }

    /** Takes at most {@code perWrite} bytes per write, and nothing once {@code writesLeft} runs out. */
    private static final class FakeTransport implements Transport {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final int perWrite;
        int writesLeft = Integer.MAX_VALUE;
        boolean pending;

        FakeTransport(int perWrite) {
            this.perWrite = perWrite;
        }

        byte[] written() {
            return out.toByteArray();
        }

        String writtenText() {
            return out.toString(StandardCharsets.UTF_8);
        }

        @Override
        public int read(ByteBuffer dst) {
            return 0;
        }

        @Override
        public int write(ByteBuffer src) {
            if (writesLeft == 0) {
                return 0;
            }
            writesLeft--;
            int n = Math.min(perWrite, src.remaining());
            for (int i = 0; i < n; i++) {
                out.write(src.get());
            }
            return n;
        }

        @Override
        public boolean hasPendingOutput() {
            return pending;
        }

        @Override
        public boolean flush() {
            return !pending;
        }

        @Override
        public SocketChannel channel() {
            return null;
        }

        @Override
        public void close() {
        }
    }
}
