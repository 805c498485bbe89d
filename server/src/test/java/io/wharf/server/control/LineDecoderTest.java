package io.wharf.server.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineDecoderTest {

    private static final int CAP = 32;
    private static final int IAC = 0xFF;
    private static final int WILL = 251;
    private static final int WONT = 252;
    private static final int DO = 253;
    private static final int DONT = 254;
    private static final int IP = 244;
    private static final int DM = 242;
    private static final String TOO_LONG = "<TOO_LONG>";

    /** A stream exercising every feature at once: CRLF, bare LF, Telnet, an over-long line, an empty line. */
    private static final byte[] STREAM = bytes(
            "USER a\r\nPASS b\r\nNOOP\n",
            new int[] {IAC, WILL, 1}, "CWD x\r\n",
            new int[] {IAC, IP, IAC, DM}, "ABOR\r\n",
            "STOR y", new int[] {IAC, IAC}, "z\r\n",
            "A".repeat(CAP + 20) + "\r\n",
            "\r\n",
            "RETR  two  spaces \r\n",
            "MKD c\rd\r\n");

    private static final List<String> EXPECTED = List.of(
            "USER a", "PASS b", "NOOP", "CWD x", "ABOR", "STOR y\u00FFz", TOO_LONG, "", "RETR  two  spaces ",
            "MKD c\rd");

    @Test
    void wholeStreamDecodesToExpectedLines() {
        assertEquals(EXPECTED, decodeChunks(new LineDecoder(CAP), List.of(STREAM)));
    }

    @Test
    void everyTwoWaySplitDecodesIdentically() {
        for (int split = 0; split <= STREAM.length; split++) {
            List<byte[]> chunks = List.of(Arrays.copyOfRange(STREAM, 0, split),
                    Arrays.copyOfRange(STREAM, split, STREAM.length));
            assertEquals(EXPECTED, decodeChunks(new LineDecoder(CAP), chunks), "split at " + split);
        }
    }

    @Test
    void everyThreeWaySplitDecodesIdentically() {
        for (int a = 0; a <= STREAM.length; a++) {
            for (int b = a; b <= STREAM.length; b++) {
                List<byte[]> chunks = List.of(Arrays.copyOfRange(STREAM, 0, a), Arrays.copyOfRange(STREAM, a, b),
                        Arrays.copyOfRange(STREAM, b, STREAM.length));
                assertEquals(EXPECTED, decodeChunks(new LineDecoder(CAP), chunks), "splits at " + a + ", " + b);
            }
        }
    }

    @Test
    void byteByByteDecodesIdentically() {
        List<byte[]> chunks = new ArrayList<>();
        for (byte b : STREAM) {
            chunks.add(new byte[] {b});
        }
        assertEquals(EXPECTED, decodeChunks(new LineDecoder(CAP), chunks));
    }

    @Test
    void bareLfEndsALine() {
        assertEquals(List.of("NOOP", "PWD"), decodeAll(new LineDecoder(CAP), bytes("NOOP\nPWD\n")));
    }

    @Test
    void onlyTheCrDirectlyBeforeLfIsStripped() {
        assertEquals(List.of("a\rb", "c\r", "\rd"), decodeAll(new LineDecoder(CAP), bytes("a\rb\r\nc\r\r\n\rd\n")));
    }

    @Test
    void crAtEndOfReadIsStrippedWhenLfFollowsInNextRead() {
        LineDecoder decoder = new LineDecoder(CAP);
        assertEquals(LineDecoder.Result.NEED_MORE, decoder.decode(buffer(bytes("NOOP\r"))));
        assertTrue(decoder.hasPartialLine());
        assertEquals(LineDecoder.Result.LINE, decoder.decode(buffer(bytes("\n"))));
        assertEquals("NOOP", text(decoder));
    }

    @Test
    void doubledIacIsOneFfDataByte() {
        LineDecoder decoder = new LineDecoder(CAP);
        assertEquals(LineDecoder.Result.LINE, decoder.decode(buffer(bytes("x", new int[] {IAC, IAC}, "y\r\n"))));
        assertArrayEquals(new byte[] {'x', (byte) 0xFF, 'y'}, Arrays.copyOf(decoder.line(), decoder.length()));
    }

    @Test
    void optionNegotiationIsDropped() {
        byte[] in = bytes("NO", new int[] {IAC, WILL, 1}, new int[] {IAC, WONT, 3}, "O",
                new int[] {IAC, DO, 24}, new int[] {IAC, DONT, IAC}, "P\r\n");
        assertEquals(List.of("NOOP"), decodeAll(new LineDecoder(CAP), in));
    }

    @Test
    void optionByteThatLooksLikeLfDoesNotEndTheLine() {
        // IAC WILL <0x0A>: the option code is consumed by the Telnet state, not taken as a line end.
        assertEquals(List.of("NOOP"),
                decodeAll(new LineDecoder(CAP), bytes("NO", new int[] {IAC, WILL, '\n'}, "OP\n")));
    }

    @Test
    void interruptAndSynchBeforeAborAreDropped() {
        byte[] in = bytes(new int[] {IAC, IP, IAC, DM}, "ABOR\r\n");
        assertEquals(List.of("ABOR"), decodeAll(new LineDecoder(CAP), in));
    }

    @Test
    void overLongLineIsReportedOnceThenNextLineDecodes() {
        LineDecoder decoder = new LineDecoder(CAP);
        ByteBuffer in = buffer(bytes("X".repeat(CAP * 10) + "\r\nNOOP\r\n"));
        assertEquals(LineDecoder.Result.TOO_LONG, decoder.decode(in));
        assertEquals(LineDecoder.Result.LINE, decoder.decode(in));
        assertEquals("NOOP", text(decoder));
        assertEquals(LineDecoder.Result.NEED_MORE, decoder.decode(in));
        assertFalse(decoder.hasPartialLine());
    }

    @Test
    void overLongLineSplitOverManyReadsIsReportedOnce() {
        LineDecoder decoder = new LineDecoder(CAP);
        int tooLong = 0;
        for (int read = 0; read < 50; read++) {
            LineDecoder.Result result = decoder.decode(buffer(bytes("Y".repeat(CAP / 2 + 3))));
            assertEquals(LineDecoder.Result.NEED_MORE, result, "read " + read);
            assertTrue(decoder.hasPartialLine());
        }
        ByteBuffer tail = buffer(bytes("tail\r\nPWD\r\n"));
        List<String> lines = new ArrayList<>();
        LineDecoder.Result result;
        while ((result = decoder.decode(tail)) != LineDecoder.Result.NEED_MORE) {
            if (result == LineDecoder.Result.TOO_LONG) {
                tooLong++;
            } else {
                lines.add(text(decoder));
            }
        }
        assertEquals(1, tooLong);
        assertEquals(List.of("PWD"), lines);
    }

    @Test
    void capCountsLineBytesButNotCrLf() {
        String max = "M".repeat(CAP);
        String over = "O".repeat(CAP + 1);
        assertEquals(List.of(max), decodeAll(new LineDecoder(CAP), bytes(max + "\r\n")));
        assertEquals(List.of(max), decodeAll(new LineDecoder(CAP), bytes(max + "\n")));
        assertEquals(List.of(TOO_LONG), decodeAll(new LineDecoder(CAP), bytes(over + "\r\n")));
        assertEquals(List.of(TOO_LONG), decodeAll(new LineDecoder(CAP), bytes(over + "\n")));
    }

    @Test
    void capCountsAnEscapedFfAsOneByte() {
        byte[] in = bytes("F".repeat(CAP - 1), new int[] {IAC, IAC}, "\r\n");
        LineDecoder decoder = new LineDecoder(CAP);
        assertEquals(LineDecoder.Result.LINE, decoder.decode(buffer(in)));
        assertEquals(CAP, decoder.length());
    }

    @Test
    void decoderIsReusableAfterManyLines() {
        LineDecoder decoder = new LineDecoder(CAP);
        for (int i = 0; i < 1000; i++) {
            assertEquals(LineDecoder.Result.LINE, decoder.decode(buffer(bytes("LINE " + i + "\r\n"))));
            assertEquals("LINE " + i, text(decoder));
        }
    }

    @Test
    void tooSmallCapIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new LineDecoder(15));
    }

    private static List<String> decodeAll(LineDecoder decoder, byte[] in) {
        return decodeChunks(decoder, List.of(in));
    }

    /** Feeds each chunk as one read; lines are decoded as ISO-8859-1 so every byte stays visible. */
    private static List<String> decodeChunks(LineDecoder decoder, List<byte[]> chunks) {
        List<String> out = new ArrayList<>();
        for (byte[] chunk : chunks) {
            ByteBuffer in = buffer(chunk);
            while (true) {
                LineDecoder.Result result = decoder.decode(in);
                if (result == LineDecoder.Result.NEED_MORE) {
                    assertFalse(in.hasRemaining(), "NEED_MORE with input left");
                    break;
                }
                out.add(result == LineDecoder.Result.TOO_LONG ? TOO_LONG : text(decoder));
            }
        }
        return out;
    }

    private static String text(LineDecoder decoder) {
        return new String(decoder.line(), 0, decoder.length(), StandardCharsets.ISO_8859_1);
    }

    private static ByteBuffer buffer(byte[] bytes) {
        return ByteBuffer.wrap(bytes);
    }

    /** Concatenates strings (ISO-8859-1) and int arrays (one byte each). */
    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
            } else {
                for (int b : (int[]) part) {
                    out.write(b);
                }
            }
        }
        return out.toByteArray();
    }
}
