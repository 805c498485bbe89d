package io.wharf.bench.control;

import java.nio.charset.StandardCharsets;

/**
 * A realistic pipelined control stream: what a partner's batch job sends when it logs in and then pulls a run of
 * CSV files. Most lines are the short transfer loop (EPSV, SIZE, RETR); a few are login and housekeeping. A
 * handful of verbs are not implemented by Wharf on purpose, so the table lookup also sees misses.
 */
final class ControlStream {

    private static final String[] PREAMBLE = {
        "USER partner-017", "PASS s3cr3t-Pa55word", "SYST", "FEAT", "OPTS UTF8 ON", "TYPE I", "PWD",
        "CWD /outbound/2024-06-30", "NLST",
    };
    private static final String[] PER_FILE = {"SIZE %s", "MDTM %s", "EPSV", "RETR %s", "DELE %s"};
    private static final String[] EPILOGUE = {"NOOP", "QUIT"};

    private ControlStream() {
    }

    /** Exactly {@code lines} CRLF-terminated command lines, as one byte array. */
    static byte[] pipelined(int lines) {
        StringBuilder text = new StringBuilder(lines * 24);
        int written = 0;
        for (String line : PREAMBLE) {
            written += appendLine(text, line, written, lines);
        }
        int file = 123;
        int bodyLines = lines - EPILOGUE.length;
        while (written < bodyLines) {
            String name = String.format("file-%06d.csv", file++);
            for (String template : PER_FILE) {
                written += appendLine(text, String.format(template, name), written, bodyLines);
            }
        }
        for (String line : EPILOGUE) {
            written += appendLine(text, line, written, lines);
        }
        if (written != lines) {
            throw new IllegalArgumentException("cannot build a stream of " + lines + " lines");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int appendLine(StringBuilder text, String line, int written, int limit) {
        if (written >= limit) {
            return 0;
        }
        text.append(line).append("\r\n");
        return 1;
    }
}
