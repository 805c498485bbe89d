package io.wharf.server.control;

import java.nio.ByteBuffer;

/**
 * Resumable decoder of control-connection lines, one session each.
 *
 * <p>Bytes may arrive split anywhere (a CR in one read, its LF in the next). Lines end at LF; a CR before it is
 * dropped, so bare-LF clients work too. Telnet commands (RFC 959 4.1.1, RFC 854) are removed: {@code IAC IAC} is a
 * data byte 0xFF, {@code IAC WILL/WONT/DO/DONT x} and other {@code IAC x} pairs (such as the IP and Synch a client
 * sends before ABOR) are dropped.
 *
 * <p>A line longer than the cap is not stored: the decoder discards up to its LF and reports
 * {@link Result#TOO_LONG} once, so the session can answer {@code 500} and go on.
 *
 * <pre>
 *   DATA --IAC--> IAC --WILL/WONT/DO/DONT--> OPTION --any--> DATA
 *                  |--IAC (0xFF data)-----------------------> DATA
 *                  '--other (IP, DM, ...)-------------------> DATA
 * </pre>
 */
public final class LineDecoder {

    /** What one {@link #decode} call found. */
    public enum Result {
        /** A complete line is in {@link #line()}, valid until the next call. */
        LINE,
        /** A line over the cap was discarded through its LF. */
        TOO_LONG,
        /** The input ran out before a line ended. */
        NEED_MORE
    }

    private static final byte IAC = (byte) 0xFF;
    private static final int WILL = 251;
    private static final int DONT = 254;
    private static final int DATA = 0;
    private static final int AFTER_IAC = 1;
    private static final int OPTION = 2;
    private static final int INITIAL_CAPACITY = 128;

    private final int maxLineBytes;
    private byte[] line = new byte[INITIAL_CAPACITY];
    private int length;
    private int telnetState = DATA;
    private boolean discarding;
    private boolean lineReturned;

    /** @param maxLineBytes longest line accepted, without its terminator */
    public LineDecoder(int maxLineBytes) {
        if (maxLineBytes < 16) {
            throw new IllegalArgumentException("maxLineBytes too small: " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
    }

    /** Consumes bytes from {@code in} until a line ends or the input is exhausted. */
    public Result decode(ByteBuffer in) {
        if (lineReturned) {
            length = 0;
            lineReturned = false;
        }
        while (in.hasRemaining()) {
            byte b = in.get();
            if (telnetState != DATA) {
                if (onTelnet(b)) {
                    append(IAC);
                }
                continue;
            }
            if (b == IAC) {
                telnetState = AFTER_IAC;
            } else if (b == '\n') {
                return endOfLine();
            } else {
                append(b);
            }
        }
        return Result.NEED_MORE;
    }

    /** The line's bytes; only {@code [0, length())} is meaningful, and only right after {@link Result#LINE}. */
    public byte[] line() {
        return line;
    }

    /** Length of the line just decoded. */
    public int length() {
        return length;
    }

    /** True when part of a line has been received but not its end. */
    public boolean hasPartialLine() {
        return !lineReturned && (length > 0 || discarding);
    }

    private Result endOfLine() {
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        // The buffer holds one byte beyond the cap for that CR; after a bare LF the byte is data and too many.
        if (discarding || length > maxLineBytes) {
            discarding = false;
            length = 0;
            return Result.TOO_LONG;
        }
        lineReturned = true;
        return Result.LINE;
    }

    /** Advances the Telnet state; returns true when {@code b} completes an escaped 0xFF data byte. */
    private boolean onTelnet(byte b) {
        int unsigned = b & 0xFF;
        if (telnetState == OPTION) {
            telnetState = DATA;
            return false;
        }
        if (b == IAC) {
            telnetState = DATA;
            return true;
        }
        telnetState = unsigned >= WILL && unsigned <= DONT ? OPTION : DATA;
        return false;
    }

    private void append(byte b) {
        if (discarding) {
            return;
        }
        // The cap counts the CR that usually precedes LF, which is stripped later.
        if (length >= maxLineBytes + 1) {
            discarding = true;
            return;
        }
        if (length == line.length) {
            byte[] bigger = new byte[Math.min(line.length * 2, maxLineBytes + 1)];
            System.arraycopy(line, 0, bigger, 0, length);
            line = bigger;
        }
        line[length++] = b;
    }
}
