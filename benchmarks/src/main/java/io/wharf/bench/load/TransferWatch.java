package io.wharf.bench.load;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
    private final TransferSession[] sessions;

    /**
     * @param name       the progress label, {@code download} or {@code upload}
     * @param totalBytes what all sessions will move together, or -1 if not known
     * @param sessions   the sessions, each running on its own thread
     */
    TransferWatch(String name, long totalBytes, TransferSession[] sessions) {
        this.name = name;
        this.totalBytes = totalBytes;
        this.sessions = sessions;
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
                abortAll();
                break;
            }
            if (now - lastNs >= PROGRESS_NS) {
                long bytes = movedBytes();
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
        timeline.finish(System.nanoTime(), movedBytes());
        return timeline.rates();
    }

    /**
     * Joins each session's thread (same order as the sessions) until the deadline; a session still running then is
     * aborted, so every thread has ended when this returns.
     */
    void join(Thread[] threads, long deadlineNs) throws InterruptedException {
        for (int i = 0; i < threads.length; i++) {
            threads[i].join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime())));
            if (threads[i].isAlive()) {
                sessions[i].abort();
                threads[i].join();
            }
        }
    }

    private long movedBytes() {
        long bytes = 0;
        for (TransferSession s : sessions) {
            bytes += s.movedBytes();
        }
        return bytes;
    }

    private void abortAll() {
        for (TransferSession s : sessions) {
            s.abort();
        }
    }
}
