package io.wharf.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LogLineFormatterTest {

    @Test
    void replacesNumberedPlaceholdersWithParameters() {
        LogRecord record = new LogRecord(Level.INFO, "{0} login failed: {1}");
        record.setParameters(new Object[] {"s7 demo 127.0.0.1:50312", "wrong password"});
        String line = new LogLineFormatter().format(record);
        assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO "
                + "s7 demo 127\\.0\\.0\\.1:50312 login failed: wrong password\\R"), line);
    }

    @Test
    void leavesUnknownAndOutOfRangePlaceholdersAsWritten() {
        StringBuilder line = new StringBuilder();
        LogLineFormatter.appendMessage(line, "{0} {1} {x} {", new Object[] {"a"});
        assertEquals("a {1} {x} {", line.toString());
    }

    @Test
    void printsTheStackTraceOfAThrowable() {
        LogRecord record = new LogRecord(Level.SEVERE, "task failed");
        record.setThrown(new IllegalStateException("boom"));
        String text = new LogLineFormatter().format(record);
        assertTrue(text.contains(" SEVERE task failed"), text);
        assertTrue(text.contains("java.lang.IllegalStateException: boom"), text);
    }
}
