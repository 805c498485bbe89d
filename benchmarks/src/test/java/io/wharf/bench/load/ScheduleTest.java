package io.wharf.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The open-loop schedule on a fake clock: who waits, who starts late, and where latency is counted from. */
class ScheduleTest {

    private static final long MS = 1_000_000L;

    /** A clock that moves only when told to, or when parked (by exactly the time asked for, plus a set overshoot). */
    private static final class FakeClock implements Schedule.Clock {
        long nowNs;
        long parkedNs;
        long overshootNs;

        @Override
        public long nanoTime() {
            return nowNs;
        }

        @Override
        public void parkNanos(long ns) {
            parkedNs += ns + overshootNs;
            nowNs += ns + overshootNs;
        }
    }

    @Test
    void waitsForEachDueTimeWhenTheServerKeepsUp() {
        FakeClock clock = new FakeClock();
        Schedule schedule = new Schedule(5 * MS, 10 * MS, clock);
        long deadlineNs = 100 * MS;
        for (int k = 0; k < 10; k++) {
            assertTrue(schedule.awaitDue(deadlineNs));
            assertEquals(5 * MS + k * 10 * MS, clock.nowNs, "operation " + k + " starts when due");
            long startedNs = clock.nowNs;
            clock.nowNs += 2 * MS;                                   // each operation takes 2 ms
            assertEquals(2 * MS, schedule.sinceDue(startedNs, 2 * MS));
        }
        assertFalse(schedule.awaitDue(deadlineNs), "operation 10 would be due at 105 ms, after the deadline");
        assertEquals(0, schedule.behind());
        assertEquals(0, schedule.notStarted());
    }

    @Test
    void aStallIsChargedToEveryOperationItHeldUp() {
        FakeClock clock = new FakeClock();
        Schedule schedule = new Schedule(0, 10 * MS, clock);
        long deadlineNs = 1000 * MS;

        assertTrue(schedule.awaitDue(deadlineNs));                   // due 0
        clock.nowNs += 35 * MS;                                      // the server stalls: 35 ms
        assertEquals(35 * MS, schedule.sinceDue(0, 35 * MS));

        // Operations due at 10, 20 and 30 ms were held up; each starts at once and takes 1 ms. Measured from the
        // actual start they would all be 1 ms, hiding the stall; from the due time they are 26, 17 and 8 ms.
        long[] expectedMs = {26, 17, 8};
        for (long expected : expectedMs) {
            long before = clock.nowNs;
            assertTrue(schedule.awaitDue(deadlineNs));
            assertEquals(before, clock.nowNs, "an overdue operation starts without waiting");
            long startedNs = clock.nowNs;
            clock.nowNs += MS;
            assertEquals(expected * MS, schedule.sinceDue(startedNs, MS));
        }
        assertEquals(3, schedule.behind());
        assertEquals(25 * MS, schedule.maxLagNs(), "the one due at 10 ms started at 35 ms");

        // Caught up: the one due at 40 ms waits from 38 ms, and counts from its due time again.
        assertTrue(schedule.awaitDue(deadlineNs));
        assertEquals(40 * MS, clock.nowNs);
        assertEquals(2 * MS, clock.parkedNs);
        assertEquals(MS, schedule.sinceDue(clock.nowNs, MS));
        assertEquals(3, schedule.behind());
    }

    @Test
    void timerOvershootIsNotChargedToTheServer() {
        FakeClock clock = new FakeClock();
        clock.overshootNs = 60_000;                                  // parkNanos wakes 60 us late
        Schedule schedule = new Schedule(10 * MS, 10 * MS, clock);
        assertTrue(schedule.awaitDue(1000 * MS));
        assertEquals(10 * MS + 60_000, clock.nowNs);
        assertEquals(MS, schedule.sinceDue(clock.nowNs, MS));
        assertEquals(0, schedule.behind(), "waking late from a wait is not falling behind");
    }

    @Test
    void operationsStillOwedAtTheDeadlineAreCountedAsNotStarted() {
        FakeClock clock = new FakeClock();
        Schedule schedule = new Schedule(0, 10 * MS, clock);
        assertTrue(schedule.awaitDue(100 * MS));
        clock.nowNs = 100 * MS;                                      // one operation ran to the deadline
        assertFalse(schedule.awaitDue(100 * MS));
        assertEquals(9, schedule.notStarted(), "due at 10, 20, ... 90 ms");
    }
}
