package io.wharf.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.server.cli.DurationConverter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ByteSizeTest {

    @Test
    void binaryUnits() {
        assertEquals(4096, ByteSize.parse("4096"));
        assertEquals(64L << 20, ByteSize.parse("64m"));
        assertEquals(1L << 30, ByteSize.parse("1G"));
        assertEquals(1L << 30, ByteSize.parse("1GiB"));
        assertEquals(512L << 10, ByteSize.parse("512kb"));
        assertEquals("256.0 MiB", ByteSize.format(256L << 20));
        assertThrows(NumberFormatException.class, () -> ByteSize.parse("lots"));
    }

    @Test
    void durations() {
        DurationConverter c = new DurationConverter();
        assertEquals(Duration.ofMillis(250), c.convert("250ms"));
        assertEquals(Duration.ofSeconds(10), c.convert("10s"));
        assertEquals(Duration.ofSeconds(7), c.convert("7"));
        assertEquals(Duration.ofMinutes(2), c.convert("2m"));
        assertThrows(CommandLine.TypeConversionException.class, () -> c.convert("0s"));
        assertThrows(CommandLine.TypeConversionException.class, () -> c.convert("3x"));
    }

    @Test
    void targets() {
        FtpTarget t = FtpTarget.parse("ftp://demo:p%40ss:word@127.0.0.1:2731");
        assertEquals("demo", t.user());
        assertEquals("p@ss:word", t.password());
        assertEquals(2731, t.address().getPort());
        assertEquals("ftp://demo@127.0.0.1:2731", t.toString());
        assertEquals(21, FtpTarget.parse("ftp://u:p@127.0.0.1").address().getPort());
        assertThrows(IllegalArgumentException.class, () -> FtpTarget.parse("http://u:p@127.0.0.1"));
    }
}
