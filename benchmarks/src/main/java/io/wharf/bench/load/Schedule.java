package io.wharf.bench.load;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * The open-loop pace of one {@link TimedWorker} under {@code --rate}: operation k is due at
 * {@code firstNs + k * intervalNs}, whether or not the one before has finished. The worker waits for an operation
 * that is not due yet, starts one that is overdue at once, and measures an overdue one's latency from its due time,
 * not from when it actually started. That is the correction for coordinated omission: a server stall that holds up
 * a worker adds its delay to every operation that should have started meanwhile, as it would for independent
 * clients, instead of showing as one slow sample followed by a pause in the load. One thread only, the worker's.
 *
 * <pre>
 *   awaitDue: next due past the deadline --> false (done)
 *             now past the deadline      --> count the due ones left as not started, false
 *             now before due             --> park until due, true
 *             now at due                 --> true (start now)
 *             now past due               --> count as behind, remember the lag, true (start at once)
 * </pre>
 */
final class Schedule {

    /** Time for a schedule: {@link #SYSTEM} in a run, a fake in tests. */
    interface Clock {
        /** The system clock and {@link LockSupport#parkNanos}. */
        Clock SYSTEM = new Clock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void parkNanos(long ns) {
                LockSupport.parkNanos(ns);
            }
        };

        long nanoTime();

        /** Waits about {@code ns}; may return early (the caller checks the time again). */
        void parkNanos(long ns);
    }

    /**
     * How a whole run kept to its schedule, merged over the workers.
     *
     * @param targetPerSecond {@code --rate}
     * @param behind          operations that were already due when their worker got to them
     * @param maxLagNs        the largest such delay
     * @param notStarted      operations due before the deadline that no worker got to start
     */
    record Summary(double targetPerSecond, long behind, long maxLagNs, long notStarted) {

        Summary add(Schedule s) {
            return new Summary(targetPerSecond, behind + s.behind, Math.max(maxLagNs, s.maxLagNs),
                    notStarted + s.notStarted);
        }

        void print(PrintWriter out, String unit, double achievedPerSecond) {
            TimedRun.Outcome.row(out, "target rate", String.format(Locale.ROOT,
                    "%.1f %s/s, achieved %.1f (%.0f%%); open loop, latency from each scheduled start",
                    targetPerSecond, unit, achievedPerSecond, 100 * achievedPerSecond / targetPerSecond));
            TimedRun.Outcome.row(out, "behind schedule", behind == 0 && notStarted == 0 ? "never"
                    : behind + " started late (max " + Percentiles.micros(maxLagNs / 1000) + "), " + notStarted
                    + " due but not started by the end");
        }

        void json(JsonWriter json, double achievedPerSecond) {
            json.field("targetPerSecond", targetPerSecond)
                    .field("achievedPerSecond", achievedPerSecond)
                    .name("behindSchedule").beginObject()
                    .field("count", behind)
                    .field("maxLagUs", maxLagNs / 1000)
                    .field("notStarted", notStarted)
                    .endObject();
        }
    }

    private final long intervalNs;
    private final Clock clock;
    private long nextDueNs;
    private long dueNs;
    private long behind;
    private long maxLagNs;
    private long notStarted;

    /**
     * @param firstNs    when the first operation is due; workers are offset from each other so that together
     *                   they start one operation every {@code 1 / rate} seconds, not all at once
     * @param intervalNs between this worker's operations: workers / rate
     */
    Schedule(long firstNs, long intervalNs, Clock clock) {
        if (intervalNs <= 0) {
            throw new IllegalArgumentException("interval must be positive: " + intervalNs + " ns");
        }
        this.nextDueNs = firstNs;
        this.intervalNs = intervalNs;
        this.clock = clock;
    }

    /**
     * Waits until the next operation is due, or returns at once if it is overdue; false when no operation is due
     * before {@code deadlineNs} or the deadline has passed, and the worker should stop.
     */
    boolean awaitDue(long deadlineNs) {
        if (nextDueNs - deadlineNs >= 0) {
            return false;
        }
        long now = clock.nanoTime();
        if (now - deadlineNs >= 0) {
            // Behind at the end: the operations still owed were never started, and their latency is unknown.
            notStarted += (deadlineNs - nextDueNs + intervalNs - 1) / intervalNs;
            return false;
        }
        if (now - nextDueNs < 0) {
            // parkNanos may wake early (spuriously, or on unpark); only the clock says when it is time.
            do {
                clock.parkNanos(nextDueNs - now);
                now = clock.nanoTime();
            } while (now - nextDueNs < 0);
            // The timer wakes tens of microseconds late (Linux timer slack is 50 us); that is this generator's
            // delay, not the server's, so an operation that waited for its turn is timed from the wake-up.
            dueNs = now;
        } else {
            if (now - nextDueNs > 0) {
                behind++;
                maxLagNs = Math.max(maxLagNs, now - nextDueNs);
            }
            dueNs = nextDueNs;
        }
        nextDueNs += intervalNs;
        return true;
    }

    /**
     * The latency of the operation {@link #awaitDue} let start, counted from its due time (from the wake-up, if it
     * had to wait for it): the worker measured {@code measuredNs} from {@code startedNs}, and the time between due
     * time and start is added.
     */
    long sinceDue(long startedNs, long measuredNs) {
        return measuredNs + (startedNs - dueNs);
    }

    long behind() {
        return behind;
    }

    long maxLagNs() {
        return maxLagNs;
    }

    long notStarted() {
        return notStarted;
    }
}
