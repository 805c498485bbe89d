package io.wharf.server.tls;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Polls the certificate files of every TLS listener and reloads a listener whose files changed, so an operator (or
 * certbot) replacing a certificate needs no restart. Polling rather than a file-system watch: it also sees a file
 * replaced through a symlink swap, and costs a couple of {@code stat} calls per period.
 *
 * <p>Owns one daemon thread, stopped by {@link #close()}.
 */
public final class CertificateWatcher implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("io.wharf.tls");

    private final ScheduledExecutorService thread;

    private CertificateWatcher(ScheduledExecutorService thread) {
        this.thread = thread;
    }

    /** Starts polling {@code listeners} every {@code period}. */
    public static CertificateWatcher start(List<ListenerTls> listeners, Duration period) {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread watcher = new Thread(task, "wharf-certificates");
            watcher.setDaemon(true);
            return watcher;
        });
        long millis = period.toMillis();
        thread.scheduleWithFixedDelay(() -> {
            for (ListenerTls listener : listeners) {
                try {
                    listener.reloadIfChanged();
                } catch (RuntimeException e) {
                    // A scheduled task that throws is never run again; one bad listener must not end reloading.
                    LOG.log(System.Logger.Level.ERROR, "certificate reload of " + listener.describeFiles()
                            + " failed", e);
                }
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
        return new CertificateWatcher(thread);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
