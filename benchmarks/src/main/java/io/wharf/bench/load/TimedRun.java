package io.wharf.bench.load;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * A run of {@link TimedWorker}s, one thread each, for a fixed duration: the coordinator waits until every worker is
 * set up, releases them together, shows progress and samples the {@link Timeline} once a second, and aborts any
 * still busy when the duration plus a grace time is over. The workers stop starting operations at the deadline and
 * finish the one in hand. With a target rate each worker gets a {@link Schedule}: the rate is spread evenly over
 * the workers, and their due times are staggered so that together they start one operation every 1/rate seconds.
 */
final class TimedRun {

    private static final long PROGRESS_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long JOIN_RETRY_MS = 100;

    /**
     * What the run measured, merged over the workers.
     *
     * @param workers    workers started
     * @param lost       workers that stopped early (set-up or reconnect failed)
     * @param seconds    from the common start until the last worker stopped
     * @param completed  operations that succeeded
     * @param latencyUs  their latencies
     * @param failures   everything that failed, by kind
     * @param cpu        this generator's own CPU use over the same time
     * @param timeline   operations per second, sampled once a second
     * @param schedule   how the workers kept to the target rate, or null for a closed loop
     */
    record Outcome(int workers, int lost, double seconds, long completed, Histogram latencyUs, FailureTally failures,
                   GeneratorCpu.Usage cpu, Timeline.Rates timeline, Schedule.Summary schedule) {

        double perSecond() {
            return completed / Math.max(seconds, 1e-9);
        }

        /** The rows every timed report shows, {@code unit} naming an operation ("files", "sessions"). */
        void print(PrintWriter out, String unit, String latencyLabel, double requestedSeconds) {
            // Measured to the end of the last operation in flight at the deadline, so slightly above the request.
            row(out, "seconds", String.format(Locale.ROOT, "%.3f  (requested %.1f)", seconds, requestedSeconds));
            row(out, unit, String.format(Locale.ROOT, "%d  (%.1f %s/s)", completed, perSecond(), unit));
            if (schedule != null) {
                schedule.print(out, unit, perSecond());
            }
            row(out, "failures", failures.describe());
            if (failures.first() != null) {
                row(out, "first failure", failures.first());
            }
            row(out, latencyLabel, Percentiles.text(latencyUs, Percentiles.STANDARD));
            row(out, "generator CPU", cpu.describe());
        }

        /** The members every timed report has. */
        void json(JsonWriter json, String unit, String latencyName) {
            json.field("workers", workers)
                    .field("workersLost", lost)
                    .field("seconds", seconds)
                    .field(unit, completed)
                    .field(unit + "PerSecond", perSecond());
            if (schedule != null) {
                schedule.json(json, perSecond());
            } else {
                json.field("targetPerSecond", Double.NaN);                // null: closed loop
            }
            failures.json(json.name("failures"));
            Percentiles.json(json.name(latencyName), latencyUs);
            cpu.json(json.name("generatorCpu"));
            timeline.json(json);
        }

        static void row(PrintWriter out, String label, String value) {
            out.printf("  %-22s %s%n", label, value);
        }
    }

    private final CountDownLatch ready;
    private final CountDownLatch go = new CountDownLatch(1);
    private final CountDownLatch done;
    private final long durationNs;
    private final double ratePerSecond;
    private long deadlineNs;                  // written before go opens; the latch publishes it to the workers

    /**
     * An open loop at {@code ratePerSecond} operations per second over all workers, or a closed one when it is 0:
     * every worker then starts its next operation as soon as the last one ends.
     */
    TimedRun(int workers, long durationNs, double ratePerSecond) {
        if (ratePerSecond < 0 || Double.isNaN(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
        }
        this.ready = new CountDownLatch(workers);
        this.done = new CountDownLatch(workers);
        this.durationNs = durationNs;
        this.ratePerSecond = ratePerSecond;
    }

    // ---- worker side ------------------------------------------------------------------------------------------

    void onReady() {
        ready.countDown();
    }

    /** Blocks until the common start; returns the deadline. */
    long awaitGo() throws InterruptedException {
        go.await();
        return deadlineNs;
    }

    void onDone() {
        done.countDown();
    }

    // ---- coordinator side -------------------------------------------------------------------------------------

    /**
     * Starts a thread per worker, runs them for the duration and returns the merged outcome.
     *
     * @param name     thread name prefix and progress label, e.g. {@code small-files}
     * @param unit     what one operation is called in progress, e.g. {@code files}
     * @param graceNs  how long past the deadline an operation may take before it is aborted
     */
    Outcome execute(TimedWorker[] workers, String name, String unit, long graceNs, ProgressLine progress)
            throws InterruptedException {
        Thread[] threads = new Thread[workers.length];
        for (int i = 0; i < workers.length; i++) {
            threads[i] = new Thread(workers[i], "wharf-bench-" + name + "-" + i);
            threads[i].start();
        }
        if (!ready.await(graceNs, TimeUnit.NANOSECONDS)) {
            // Logins that hang would hold the start forever; those workers fail their set-up and the rest run.
            for (TimedWorker w : workers) {
                if (!w.isSetUp()) {
                    w.abort();
                }
            }
            ready.await();
        }
        GeneratorCpu cpu = GeneratorCpu.start();
        long startNs = System.nanoTime();
        deadlineNs = startNs + durationNs;
        if (ratePerSecond > 0) {
            pace(workers, startNs);
        }
        Timeline timeline = new Timeline(unit + "/s", 1, startNs, (int) ((durationNs + graceNs) / PROGRESS_NS) + 2);
        go.countDown();
        watch(workers, name, unit, startNs, graceNs, progress, timeline);
        GeneratorCpu.Usage usage = cpu.stop();
        for (int i = 0; i < threads.length; i++) {
            threads[i].join(JOIN_RETRY_MS);
            while (threads[i].isAlive()) {
                // A worker between two connections may open a new one after the first abort; close that one too.
                workers[i].abort();
                threads[i].join(JOIN_RETRY_MS);
            }
        }
        return merge(workers, startNs, usage, timeline);
    }

    /** Worker i's operations are due every workers/rate seconds, from i/rate seconds after the start. */
    private void pace(TimedWorker[] workers, long startNs) {
        double gapNs = 1e9 / ratePerSecond;
        long intervalNs = Math.max(1, Math.round(gapNs * workers.length));
        for (int i = 0; i < workers.length; i++) {
            workers[i].pace(new Schedule(startNs + Math.round(gapNs * i), intervalNs, Schedule.Clock.SYSTEM));
        }
    }

    /** Progress once a second until every worker is done, aborting them all once the grace time is over. */
    private void watch(TimedWorker[] workers, String name, String unit, long startNs, long graceNs,
                       ProgressLine progress, Timeline timeline) throws InterruptedException {
        long abortNs = deadlineNs + graceNs;
        long lastNs = startNs;
        long lastCount = 0;
        while (true) {
            long now = System.nanoTime();
            long waitNs = Math.min(lastNs + PROGRESS_NS - now, abortNs - now);
            if (done.await(Math.max(waitNs, 0), TimeUnit.NANOSECONDS)) {
                break;
            }
            now = System.nanoTime();
            if (now - abortNs >= 0) {
                for (TimedWorker w : workers) {
                    w.abort();
                }
                break;
            }
            if (now - lastNs >= PROGRESS_NS) {
                long count = 0;
                long failed = 0;
                for (TimedWorker w : workers) {
                    count += w.completed();
                    failed += w.failed();
                }
                timeline.sample(now, count);
                progress.show(String.format(Locale.ROOT, "[%s] %.0f/%.0f s  %d %s  %.0f %s/s  %d failed", name,
                        (now - startNs) / 1e9, durationNs / 1e9, count, unit,
                        (count - lastCount) / ((now - lastNs) / 1e9), unit, failed));
                lastCount = count;
                lastNs = now;
            }
        }
        progress.end();
    }

    private Outcome merge(TimedWorker[] workers, long startNs, GeneratorCpu.Usage cpu, Timeline timeline) {
        Histogram latency = Percentiles.histogram();
        Schedule.Summary schedule = ratePerSecond > 0 ? new Schedule.Summary(ratePerSecond, 0, 0, 0) : null;
        FailureTally failures = new FailureTally();
        long endNs = startNs;
        long completed = 0;
        int lost = 0;
        for (TimedWorker w : workers) {
            latency.add(w.latencyUs());
            failures.add(w.failures());
            completed += w.completed();
            endNs = Math.max(endNs, w.endNs());
            lost += w.isLost() ? 1 : 0;
            if (schedule != null && w.schedule() != null) {
                schedule = schedule.add(w.schedule());
            }
        }
        timeline.finish(endNs, completed);
        return new Outcome(workers.length, lost, (endNs - startNs) / 1e9, completed, latency, failures, cpu,
                timeline.rates(), schedule);
    }
}
