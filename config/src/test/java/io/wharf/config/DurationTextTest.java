package io.wharf.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

    @Test
    void unitsAndBareSeconds() {
        assertEquals(Duration.ofMillis(250), DurationText.parse("250ms"));
        assertEquals(Duration.ofSeconds(30), DurationText.parse("30s"));
        assertEquals(Duration.ofSeconds(7), DurationText.parse("7"));
        assertEquals(Duration.ofMinutes(5), DurationText.parse("5m"));
        assertEquals(Duration.ofHours(1), DurationText.parse("1h"));
        assertEquals(Duration.ZERO, DurationText.parse("0s"));
    }

    @Test
    void notADuration() {
        for (String text : new String[] {"", "s", "3x", "-1s", "1.5s", " 5s", "5 s", "5S", "PT5S"}) {
            assertNull(DurationText.parse(text), text);
        }
    }

    @Test
    void hugeNumbersSaturateInsteadOfOverflowing() {
        Duration max = Duration.ofMillis(Long.MAX_VALUE);
        assertEquals(max, DurationText.parse("99999999999999999999999h"));
        assertEquals(max, DurationText.parse("9999999999999h"));
        assertEquals(Duration.ofHours(8760), DurationText.parse("0000000000000000000008760h"));
    }
}
