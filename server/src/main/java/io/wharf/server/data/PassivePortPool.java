package io.wharf.server.data;

import io.wharf.config.PortRange;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The passive ports of one listener, shared lock-free by all event loops.
 *
 * <p>Leases live in a {@link PortBitmap}: taking or returning a port is one compare-and-set, and no thread ever waits
 * for another. Each {@link #acquire} starts its search at a random port, so leases spread over the whole range instead
 * of hammering its lowest ports, and loops rarely touch the same word of the bitmap. {@code acquire} binds for real; a
 * port another process holds is skipped (and stays in the pool), and a full pool returns null at once so the caller
 * can answer {@code 425}.
 */
public final class PassivePortPool {

    private static final System.Logger LOG = System.getLogger(PassivePortPool.class.getName());
    private static final long WARN_EVERY_S = 10;

    private final PassivePort[] ports;
    private final PortBitmap leased;
    private final PortBinder binder;
    private final LongAdder exhausted = new LongAdder();
    private final LongAdder heldElsewhere = new LongAdder();
    private final WarningThrottle exhaustionWarnings = new WarningThrottle(WARN_EVERY_S, TimeUnit.SECONDS);
    private final WarningThrottle heldElsewhereWarnings = new WarningThrottle(WARN_EVERY_S, TimeUnit.SECONDS);

    /** A pool over {@code ranges}, binding through {@code binder}. */
    public PassivePortPool(List<PortRange> ranges, PortBinder binder) {
        List<PassivePort> all = new ArrayList<>();
        for (PortRange range : ranges) {
            for (int p = range.first(); p <= range.last(); p++) {
                all.add(new PassivePort(p, all.size()));
            }
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("passive port pool needs at least one port");
        }
        this.ports = all.toArray(new PassivePort[0]);
        this.leased = new PortBitmap(ports.length);
        this.binder = binder;
    }

    /**
     * Any thread. Leases a port and binds a listener on it.
     *
     * @return a bound listener the caller now owns, or null when no port can be bound now (counted)
     * @throws IOException when binding fails for a reason other than the port being held; the port is returned
     */
    public PassiveListener acquire(InetAddress bindAddress) throws IOException {
        int start = ThreadLocalRandom.current().nextInt(ports.length);
        for (int tries = 0; tries < ports.length; tries++) {
            int slot = leased.lease(start);
            if (slot < 0) {
                break;
            }
            PassivePort port = ports[slot];
            ServerSocketChannel channel;
            try {
                channel = binder.tryBind(bindAddress, port.number());
            } catch (IOException | RuntimeException e) {
                release(port);
                throw e;
            }
            if (channel != null) {
                return new PassiveListener(this, port, channel);
            }
            heldElsewhere.increment();
            if (heldElsewhereWarnings.tryWarn(System.nanoTime())) {
                LOG.log(System.Logger.Level.WARNING, "passive port {0} is held by another process and was skipped "
                        + "({1} such skips so far); keep other services out of passive.ports",
                        Integer.toString(port.number()), heldElsewhere.sum());
            }
            release(port);
            start = slot + 1;                          // go on past it, so each port is tried at most once
        }
        exhausted.increment();
        return null;
    }

    /**
     * True at most once per 10 s, for the caller that should log this pool's exhaustion: a full pool refuses every
     * PASV until a port comes back, and one line with the running count says as much as a thousand.
     */
    public boolean shouldWarnExhausted() {
        return exhaustionWarnings.tryWarn(System.nanoTime());
    }

    /**
     * Returns a port; called exactly once per lease, by its {@link PassiveListener}.
     *
     * @throws IllegalStateException if the port is not leased (a double release)
     */
    void release(PassivePort port) {
        leased.release(port.slot());
    }

    /** Number of ports configured. */
    public int capacity() {
        return ports.length;
    }

    /** Ports free right now (approximate while other threads acquire or release). */
    public int available() {
        return leased.available();
    }

    /** Acquires that found no bindable port. */
    public long exhaustedCount() {
        return exhausted.sum();
    }

    /** Bind attempts that found the port held by another socket. */
    public long heldElsewhereCount() {
        return heldElsewhere.sum();
    }
}
