package io.wharf.bench.load;

import io.wharf.server.cli.DurationConverter;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code wharf-bench idle}: holds N logged-in control connections open, then measures NOOP round trips across all
 * of them, and optionally the server's memory while it holds them.
 *
 * <p>Exit codes: 0 when every session was held to the end, 1 when some failed (the report says how), 2 for bad
 * arguments, 3 when the run could not start (file-descriptor limit too low, no selector).
 */
@Command(name = "idle", mixinStandardHelpOptions = true,
        description = {"Opens N control connections, logs each in, keeps them open, and measures NOOP round trips.",
            "Connections go out in bounded waves from a few selector threads; if local ports run out, source "
                + "addresses spread over 127.0.0.0/8 (loopback targets only)."})
public final class IdleCommand implements Callable<Integer> {

    /** Exit code when the run could not start. */
    static final int CANNOT_RUN = 3;
    private static final long SAMPLE_NS = 1_000_000_000L;
    /** Progress lines while opening: one per this many samples. */
    private static final int SAMPLES_PER_PROGRESS = 5;
    /** Descriptors this JVM needs besides the sessions: jars, selectors, stdio, with room to spare. */
    private static final int FD_HEADROOM = 64;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RunOptions run;

    @Mixin
    ChartOption chart;

    @Option(names = "--sessions", required = true, paramLabel = "N", description = "Control connections to hold.")
    int sessions;

    @Option(names = "--pid", paramLabel = "PID",
            description = "Server process to probe: RSS from /proc/PID/status, heap from jcmd (if available). The "
                    + "baseline is sampled after one preflight login, so a server's first-login costs are not "
                    + "counted per session.")
    Long pid;

    @Option(names = "--in-flight", defaultValue = "200", paramLabel = "N",
            description = "Connects and logins in progress at once (default: ${DEFAULT-VALUE}).")
    int inFlight;

    @Option(names = "--loops", paramLabel = "N", description = "Selector threads (default: min(4, CPUs)).")
    Integer loops;

    @Option(names = "--hold", defaultValue = "10s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long to measure NOOPs once all sessions are open (default: ${DEFAULT-VALUE}).")
    Duration hold;

    @Option(names = "--noop-interval", defaultValue = "1s", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "NOOP period per session (default: ${DEFAULT-VALUE}).")
    Duration noopInterval;

    @Option(names = "--timeout", defaultValue = "120s", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "Longest wait for any one reply (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--source-addresses", defaultValue = "0", paramLabel = "K",
            description = "Spread connections over 127.0.0.2 .. 127.0.0.(K+1) from the start; 0 lets the kernel "
                    + "choose and moves to the next loopback address only when ports run out (default: 0).")
    int sourceAddresses;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int loopCount = loops != null ? loops : Math.min(4, Runtime.getRuntime().availableProcessors());
        if (sessions < 1 || loopCount < 1 || inFlight < 1 || hold.compareTo(noopInterval) < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--sessions, --loops and --in-flight must be positive, and --hold at least --noop-interval");
        }
        if (!enoughDescriptors(err, sessions)) {
            return CANNOT_RUN;
        }
        SourceAddresses sources;
        try {
            sources = new SourceAddresses(run.target().isIpv4Loopback(), sourceAddresses);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        // One login first: bad credentials fail once, not N times, and the server's one-time first-login costs
        // (class loading, a memory-hard hash's working memory) land before the baseline, not in the per-session figure.
        if (!Preflight.canLogIn(run.target(), err)) {
            return Preflight.CANNOT_RUN;
        }
        ProcessProbe probe = pid != null ? new ProcessProbe(pid) : null;
        ProcessProbe.Memory before = probe != null ? probe.sample() : null;

        IdleRun idle = new IdleRun(run.target(), sources, sessions, loopCount, inFlight, noopInterval.toNanos(),
                timeout.toNanos());
        IdleLoop[] loopArray = new IdleLoop[loopCount];
        Thread[] threads = new Thread[loopCount];
        for (int i = 0; i < loopCount; i++) {
            loopArray[i] = new IdleLoop(idle, i);
            threads[i] = new Thread(loopArray[i], "wharf-bench-loop-" + i);
            threads[i].start();
        }
        long openStartNs = System.nanoTime();
        Timeline.Rates opening = awaitOpened(idle.opened(), loopArray, err, openStartNs);
        double openSeconds = (System.nanoTime() - openStartNs) / 1e9;

        err.printf("[hold] %d sessions logged in; NOOP every %d ms for %d s%n", loggedIn(loopArray),
                noopInterval.toMillis(), hold.toSeconds());
        err.flush();
        idle.startHold(System.nanoTime(), hold.toNanos());
        wakeAll(loopArray);
        idle.held().await(hold.plus(timeout).toNanos() + TimeUnit.SECONDS.toNanos(10), TimeUnit.NANOSECONDS);
        // Sampled while every session is still open: that is the figure that matters.
        ProcessProbe.Memory during = probe != null ? probe.sample() : null;

        idle.close();
        wakeAll(loopArray);
        IdleTally total = new IdleTally(IdleLoop.MAX_US);
        for (int i = 0; i < loopCount; i++) {
            threads[i].join();
            total.add(loopArray[i].tally());
        }
        IdleReport report = new IdleReport(run.target(), sessions, total, openSeconds, inFlight, loopCount,
                sources, hold.toMillis() / 1000.0, noopInterval.toMillis(), probe, before, during, opening);
        report.print(out);
        if (run.json != null) {
            report.json().writeTo(run.json);
        }
        if (chart.isRequested()) {
            report.chart(chart.png);
        }
        if (total.fatal() != null) {
            total.fatal().printStackTrace(err);
        }
        return total.failures() == 0 && total.fatal() == null ? 0 : 1;
    }

    /** Waits until every session is open or failed; returns logins per second, sampled once a second. */
    private static Timeline.Rates awaitOpened(CountDownLatch opened, IdleLoop[] loops, PrintWriter err, long startNs)
            throws InterruptedException {
        Timeline timeline = new Timeline("sessions/s", 1, startNs, 60);
        int samples = 0;
        while (!opened.await(SAMPLE_NS, TimeUnit.NANOSECONDS)) {
            long now = System.nanoTime();
            timeline.sample(now, loggedIn(loops));
            if (++samples % SAMPLES_PER_PROGRESS == 0) {
                int failed = 0;
                for (IdleLoop loop : loops) {
                    failed += loop.failed();
                }
                err.printf("[open] %d logged in, %d failed, %.0f s%n", loggedIn(loops), failed,
                        (now - startNs) / 1e9);
                err.flush();
            }
        }
        timeline.finish(System.nanoTime(), loggedIn(loops));
        return timeline.rates();
    }

    private static int loggedIn(IdleLoop[] loops) {
        int n = 0;
        for (IdleLoop loop : loops) {
            n += loop.loggedIn();
        }
        return n;
    }

    private static void wakeAll(IdleLoop[] loops) {
        for (IdleLoop loop : loops) {
            loop.wakeup();
        }
    }

    /** Fails early and clearly, instead of thousands of "Too many open files" in the middle of the run. */
    private static boolean enoughDescriptors(PrintWriter err, int sessions) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (!(os instanceof com.sun.management.UnixOperatingSystemMXBean unix)) {
            return true;                                       // cannot tell; let the run find out
        }
        long needed = unix.getOpenFileDescriptorCount() + sessions + FD_HEADROOM;
        if (needed <= unix.getMaxFileDescriptorCount()) {
            return true;
        }
        err.printf("wharf-bench: %d sessions need about %d file descriptors, but this process may open %d; "
                + "raise the limit (ulimit -n) or use fewer sessions%n", sessions, needed,
                unix.getMaxFileDescriptorCount());
        return false;
    }
}
