package io.wharf.bench.load;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The coordinator's wait in a {@code download} or {@code upload} run: until every session's transfer has ended,
 * once a second it reads the bytes moved so far, records them in a {@link Timeline} and shows progress; at the
 * deadline it aborts every session. The sessions publish their byte counts in volatile fields and never wait on
 * this thread.
 */
final class TransferWatch {

    private static final long PROGRESS_NS = TimeUnit.SECONDS.toNanos(1);

    private final String name;
    private final long totalBytes;
    private final LongSupplier movedBytes;
    private final Runnable abortAll;

    /**
     * @param name       the progress label, {@code download} or {@code upload}
     * @param totalBytes what all sessions will move together, or -1 if not known
     * @param movedBytes the sum over the sessions so far; any thread
     * @param abortAll   closes every session's connections
     */
    TransferWatch(String name, long totalBytes, LongSupplier movedBytes, Runnable abortAll) {
        this.name = name;
        this.totalBytes = totalBytes;
        this.movedBytes = movedBytes;
        this.abortAll = abortAll;
    }

    /** Waits for {@code transferred} or the deadline; returns MiB/s over time. */
    Timeline.Rates await(CountDownLatch transferred, long startNs, long deadlineNs, ProgressLine progress)
            throws InterruptedException {
        Timeline timeline = new Timeline("MiB/s", 1 / ByteSize.MIB, startNs,
                (int) Math.min((deadlineNs - startNs) / PROGRESS_NS + 2, 3600));
        long lastBytes = 0;
        long lastNs = startNs;
        while (true) {
            long now = System.nanoTime();
            long waitNs = Math.min(lastNs + PROGRESS_NS - now, deadlineNs - now);
            if (transferred.await(Math.max(waitNs, 0), TimeUnit.NANOSECONDS)) {
                break;
            }
            now = System.nanoTime();
            if (now - deadlineNs >= 0) {
                abortAll.run();
                break;
            }
            if (now - lastNs >= PROGRESS_NS) {
                long bytes = movedBytes.getAsLong();
                timeline.sample(now, bytes);
                progress.show(String.format(Locale.ROOT, "[%s] %.0f s  %s%s  %.1f MiB/s", name,
                        (now - startNs) / 1e9, ByteSize.format(bytes),
                        totalBytes < 0 ? "" : " of " + ByteSize.format(totalBytes),
                        (bytes - lastBytes) / ByteSize.MIB / ((now - lastNs) / 1e9)));
                lastBytes = bytes;
                lastNs = now;
            }
        }
        progress.end();
        timeline.finish(System.nanoTime(), movedBytes.getAsLong());
        return timeline.rates();
    }
}
