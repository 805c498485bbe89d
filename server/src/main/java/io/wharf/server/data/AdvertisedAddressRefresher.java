package io.wharf.server.data;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Resolves the advertised host names of all listeners again, each on its own period, so DNS never runs on an event
 * loop. One daemon thread ({@code wharf-dns}) for the whole server, owned by the server and stopped by
 * {@link #close()}.
 */
public final class AdvertisedAddressRefresher implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AdvertisedAddressRefresher.class.getName());

    private final ScheduledExecutorService thread;

    private AdvertisedAddressRefresher(ScheduledExecutorService thread) {
        this.thread = thread;
    }

    /**
     * Starts refreshing every address of {@code addresses} that has a {@link AdvertisedAddress#refreshPeriod()}.
     *
     * @return the running refresher, or null when none of them needs one (no thread is started)
     */
    public static AdvertisedAddressRefresher start(List<AdvertisedAddress> addresses) {
        List<AdvertisedAddress> refreshed = new ArrayList<>();
        for (AdvertisedAddress address : addresses) {
            if (address.refreshPeriod() != null) {
                refreshed.add(address);
            }
        }
        if (refreshed.isEmpty()) {
            return null;
        }
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread resolver = new Thread(task, "wharf-dns");
            resolver.setDaemon(true);
            return resolver;
        });
        for (AdvertisedAddress address : refreshed) {
            long millis = address.refreshPeriod().toMillis();
            thread.scheduleWithFixedDelay(() -> refresh(address), millis, millis, TimeUnit.MILLISECONDS);
        }
        return new AdvertisedAddressRefresher(thread);
    }

    private static void refresh(AdvertisedAddress address) {
        try {
            address.refresh();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; the address must keep following DNS.
            LOG.log(System.Logger.Level.ERROR, "refreshing advertised address " + address.configured() + " failed",
                    e);
        }
    }

    /** Stops the thread; a lookup in progress finishes on the daemon thread and is dropped. Idempotent. */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}
