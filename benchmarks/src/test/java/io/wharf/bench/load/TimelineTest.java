package io.wharf.bench.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TimelineTest {

    private static final long S = 1_000_000_000L;

    @Test
    void ratesAreTheDifferencesBetweenSamplesOverTheirIntervals() {
        Timeline timeline = new Timeline("files/s", 1, 7 * S, 1);
        timeline.sample(8 * S, 100);
        timeline.sample(9 * S, 300);
        timeline.sample(11 * S, 400);                                // a late wake-up: two seconds
        timeline.sample(12 * S, 450);
        timeline.sample(13 * S, 450);                                // grown past the preallocated four
        timeline.finish(13 * S + 50_000_000L, 460);                  // 50 ms after the last: too short, left out
        Timeline.Rates rates = timeline.rates();
        assertEquals("files/s", rates.unit());
        assertArrayEquals(new double[] {1, 2, 4, 5, 6}, rates.seconds(), 1e-9);
        assertArrayEquals(new double[] {100, 200, 50, 50, 0}, rates.perSecond(), 1e-9);
    }

    @Test
    void aRunShorterThanASampleStillHasOne() {
        Timeline timeline = new Timeline("MiB/s", 1 / ByteSize.MIB, 0, 4);
        timeline.finish(S / 10, 64L << 20);
        Timeline.Rates rates = timeline.rates();
        assertEquals(1, rates.size());
        assertEquals(640, rates.perSecond()[0], 1e-6);
        JsonWriter w = new JsonWriter().beginObject();
        rates.json(w);
        assertEquals("{\n  \"timelineUnit\": \"MiB/s\",\n  \"timeline\": [\n    {\n      \"t\": 0.100,\n"
                + "      \"perSecond\": 640.000\n    }\n  ]\n}", w.endObject().toString());
    }
}
