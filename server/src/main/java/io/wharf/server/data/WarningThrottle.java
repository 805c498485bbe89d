package io.wharf.server.data;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets one warning through per interval, from any thread, without a lock. For events that can repeat thousands of
 * times a second under load (an exhausted pool) but that an operator needs to read once, with a count, not once per
 * occurrence.
 */
public final class WarningThrottle {

    private final long intervalNs;
    private final AtomicLong nextNs;

    /** A throttle whose first {@link #tryWarn} passes. */
    public WarningThrottle(long interval, TimeUnit unit) {
        this.intervalNs = unit.toNanos(interval);
        this.nextNs = new AtomicLong(System.nanoTime() - 1);
    }

    /** True for the first caller once the interval since the last warning has passed; false for everyone else. */
    public boolean tryWarn(long nowNs) {
        long next = nextNs.get();
        return nowNs - next >= 0 && nextNs.compareAndSet(next, nowNs + intervalNs);
    }
}
