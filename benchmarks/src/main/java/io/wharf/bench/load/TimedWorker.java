package io.wharf.bench.load;

import java.io.IOException;
import org.HdrHistogram.Histogram;

/**
 * One thread of a {@link TimedRun}: sets up, waits for the common start, then repeats one operation (a transfer,
 * a login) until the deadline, recording each success's latency and counting each failure by kind.
 * Histogram and tally belong to this thread; the coordinator reads them only after the thread has ended, and reads
 * the volatile counters for progress meanwhile.
 *
 * <pre>
 *   SET_UP --ok--> READY --go--> LOOP --deadline or abort--> END
 *     |                           |  once() threw: count it, recover() --failed--> END (lost)
 *     +--failed--> END (lost)     +--------------------------------------ok------> LOOP
 * </pre>
 *
 * <p>Without a {@link Schedule} the loop is closed: the next operation starts when the last ends, so latencies are
 * not corrected for coordinated omission, and a stall shows up as one slow sample plus fewer operations, not as
 * many slow ones. With one ({@code --rate}) the loop is open: each operation waits for its due time, an overdue one
 * starts at once, and its latency counts from the due time, so the stall is charged to every operation it delayed.
 */
abstract class TimedWorker implements Runnable {

    private final TimedRun run;
    private final Histogram latencyUs = Percentiles.histogram();
    private final FailureTally failures = new FailureTally();
    private Schedule schedule;                      // null: closed loop; set before the start, which publishes it
    private volatile long completed;                // written by this worker's thread only
    private volatile boolean isAborted;
    private volatile boolean isSetUp;
    private boolean isLost;
    private long endNs;

    TimedWorker(TimedRun run) {
        this.run = run;
    }

    /** Connects and logs in, whatever the worker needs before the start. Not timed. */
    abstract void setUp() throws IOException;

    /**
     * One operation, timed by its own clock. Returns its latency in nanoseconds, or -1 after counting a failure
     * that left the connection usable. Throws when the connection is not usable any more.
     */
    abstract long once() throws IOException;

    /** After {@link #once} threw: a connection fit for the next operation, or an exception. Not timed. */
    abstract void recover() throws IOException;

    /** Closes whatever the worker holds; called once on its own thread at the end. */
    abstract void tearDown();

    /** Closes the worker's sockets, from any thread, so a blocked operation ends now. */
    abstract void closeChannels();

    @Override
    public final void run() {
        boolean isReady = false;
        try {
            setUp();
            isSetUp = true;
            run.onReady();
            isReady = true;
            long deadlineNs = run.awaitGo();
            while (!isAborted && awaitNext(deadlineNs)) {
                if (!step()) {
                    isLost = true;
                    break;
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            failures.add(e, "set-up");
            isLost = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            endNs = System.nanoTime();
            tearDown();
            if (!isReady) {
                run.onReady();
            }
            run.onDone();
        }
    }

    /** Closed loop: true until the deadline. Open loop: waits until the next operation is due, if any is. */
    private boolean awaitNext(long deadlineNs) {
        return schedule == null ? System.nanoTime() - deadlineNs < 0 : schedule.awaitDue(deadlineNs);
    }

    /** One operation and, if it broke the connection, the recovery; false when the worker cannot go on. */
    private boolean step() {
        try {
            long startedNs = System.nanoTime();
            long latencyNs = once();
            if (latencyNs >= 0) {
                if (schedule != null) {
                    latencyNs = schedule.sinceDue(startedNs, latencyNs);
                }
                Percentiles.recordNs(latencyUs, latencyNs);
                completed++;
            }
            return true;
        } catch (IOException | IllegalArgumentException e) {
            if (isAborted) {
                failures.add("timed out", "still running at the deadline plus the grace time: " + e);
                return true;                                    // the loop ends on isAborted
            }
            failures.add(e, operation());
        }
        try {
            recover();
            return true;
        } catch (IOException | IllegalArgumentException e) {
            failures.add(e, "reconnect");
            return false;
        }
    }

    /** What {@link #once} does, for failure messages: {@code "RETR"}, {@code "login"}. */
    abstract String operation();

    /** Counts a failure that did not break the connection (for {@link #once} returning -1). */
    void fail(String kind, String message) {
        failures.add(kind, message);
    }

    /** Coordinator, before the start: run open loop on this schedule. */
    void pace(Schedule s) {
        schedule = s;
    }

    /** Any thread: stop now; a blocked operation fails and is counted as timed out. */
    void abort() {
        isAborted = true;
        closeChannels();
    }

    /** True once {@link #setUp} has succeeded. Any thread. */
    boolean isSetUp() {
        return isSetUp;
    }

    /** Operations completed so far. Any thread. */
    long completed() {
        return completed;
    }

    /** Failures so far. Any thread. */
    long failed() {
        return failures.total();
    }

    /** The following are valid after the worker's thread has ended. */
    Histogram latencyUs() {
        return latencyUs;
    }

    FailureTally failures() {
        return failures;
    }

    /** The schedule kept, or null for a closed loop. */
    Schedule schedule() {
        return schedule;
    }

    /** True when the worker stopped before the deadline (its set-up or a reconnect failed). */
    boolean isLost() {
        return isLost;
    }

    long endNs() {
        return endNs;
    }
}
