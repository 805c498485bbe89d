package io.wharf.server.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One operator-readable line per log record: {@code 2026-11-23T23:57:31.750 INFO s42 demo 10.0.0.7:50312 login ok}.
 *
 * <p>It replaces {@link java.util.logging.SimpleFormatter}, which costs a stack walk per record (to find the
 * caller, which this format never shows), a {@code String.format} and a {@code MessageFormat}: about 15 KB of
 * garbage for each of the two or three lines a session logs, which at thousands of logins a second was most of what
 * the server allocated. Placeholders are {@code {0}}, {@code {1}}, ... as in {@code System.Logger}; a message that
 * uses MessageFormat's richer syntax is printed as written.
 */
public final class LogLineFormatter extends Formatter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private final ZoneId zone = ZoneId.systemDefault();

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(160);
        LocalDateTime time = LocalDateTime.ofInstant(record.getInstant(), zone);
        TIME.formatTo(time, line);
        // By hand: the pattern's fraction field goes through BigDecimal for every line.
        int millis = time.getNano() / 1_000_000;
        line.append('.').append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10))
                .append((char) ('0' + millis % 10));
        line.append(' ').append(record.getLevel().getName()).append(' ');
        appendMessage(line, record.getMessage(), record.getParameters());
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            line.append(System.lineSeparator()).append(trace);
        } else {
            line.append(System.lineSeparator());
        }
        return line.toString();
    }

    /** Appends {@code message} with each {@code {n}} (a single digit) replaced by parameter n. */
    static void appendMessage(StringBuilder line, String message, Object[] parameters) {
        if (message == null) {
            return;
        }
        if (parameters == null || parameters.length == 0) {
            line.append(message);
            return;
        }
        int length = message.length();
        for (int i = 0; i < length; i++) {
            char c = message.charAt(i);
            if (c == '{' && i + 2 < length && message.charAt(i + 2) == '}') {
                int index = message.charAt(i + 1) - '0';
                if (index >= 0 && index < parameters.length) {
                    line.append(parameters[index]);
                    i += 2;
                    continue;
                }
            }
            line.append(c);
        }
    }
}
