package io.wharf.server.control;

import io.wharf.tls.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A session's bounded output: replies are encoded here and flushed as the socket takes them.
 *
 * <p>It starts small (most sessions only ever hold a line or two) and grows up to a hard cap. A client that stops
 * reading its replies fills the cap; the buffer then reports {@link #isOverflowed()} and the session disconnects it
 * rather than buffering without bound.
 *
 * <p>Text is sanitised: CR and LF inside a reply (a file name with a newline, say) become spaces, so a client can
 * never inject a line of its own into the reply stream.
 */
public final class ReplyBuffer {

    private static final int INITIAL_BYTES = 512;

    private final int maxBytes;
    private ByteBuffer buffer = ByteBuffer.allocate(INITIAL_BYTES);   // write mode between flushes
    private boolean overflowed;

    /** @param maxBytes the most this session may have waiting for the client */
    public ReplyBuffer(int maxBytes) {
        this.maxBytes = Math.max(maxBytes, INITIAL_BYTES);
    }

    /** Appends {@code "code text\r\n"}. */
    public void reply(int code, CharSequence text) {
        appendCode(code, ' ');
        appendText(text);
        appendCrLf();
    }

    /**
     * Appends a multi-line reply (RFC 959 4.2): {@code "code-first"}, each middle line indented by a space (so no line
     * can be mistaken for the end), then {@code "code last"}.
     */
    public void multiline(int code, CharSequence first, Iterable<? extends CharSequence> middle, CharSequence last) {
        appendCode(code, '-');
        appendText(first);
        appendCrLf();
        for (CharSequence line : middle) {
            put((byte) ' ');
            appendText(line);
            appendCrLf();
        }
        appendCode(code, ' ');
        appendText(last);
        appendCrLf();
    }

    /** True when nothing waits to be written. */
    public boolean isEmpty() {
        return buffer.position() == 0;
    }

    /** True once the client let the cap fill up; the session must close. */
    public boolean isOverflowed() {
        return overflowed;
    }

    /** Writes what the transport takes now; returns true when everything has gone out. */
    public boolean flushTo(Transport transport) throws IOException {
        if (buffer.position() > 0) {
            buffer.flip();
            try {
                while (buffer.hasRemaining() && transport.write(buffer) > 0) {
                    // keep writing while the socket accepts bytes
                }
            } finally {
                buffer.compact();
            }
        }
        boolean drained = transport.flush() && buffer.position() == 0;
        if (drained && buffer.capacity() > INITIAL_BYTES) {
            buffer = ByteBuffer.allocate(INITIAL_BYTES);   // give a one-off big reply's memory back
        }
        return drained;
    }

    /** The bytes waiting, decoded, for tests. */
    public String pendingText() {
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    private void appendCode(int code, char separator) {
        if (code < 100 || code > 999) {
            throw new IllegalArgumentException("reply code must have three digits: " + code);
        }
        put((byte) ('0' + code / 100));
        put((byte) ('0' + code / 10 % 10));
        put((byte) ('0' + code % 10));
        put((byte) separator);
    }

    private void appendText(CharSequence text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                put((byte) ' ');
            } else if (c < 0x80) {
                put((byte) c);
            } else {
                appendNonAscii(text, i);
                return;
            }
        }
    }

    /** Rare path (non-ASCII file names): encode the rest as UTF-8 in one go. */
    private void appendNonAscii(CharSequence text, int from) {
        String rest = text.subSequence(from, text.length()).toString().replace('\r', ' ').replace('\n', ' ');
        for (byte b : rest.getBytes(StandardCharsets.UTF_8)) {
            put(b);
        }
    }

    private void appendCrLf() {
        put((byte) '\r');
        put((byte) '\n');
    }

    private void put(byte b) {
        if (overflowed) {
            return;
        }
        if (!buffer.hasRemaining() && !grow()) {
            overflowed = true;
            return;
        }
        buffer.put(b);
    }

    private boolean grow() {
        if (buffer.capacity() >= maxBytes) {
            return false;
        }
        ByteBuffer bigger = ByteBuffer.allocate(Math.min(buffer.capacity() * 2, maxBytes));
        buffer.flip();
        bigger.put(buffer);
        buffer = bigger;
        return true;
    }
}
