package io.wharf.server.data;

import io.wharf.config.PortRange;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jctools.queues.MpmcArrayQueue;

/**
 * The passive ports of one listener, shared lock-free by all event loops.
 *
 * <p>Free ports circulate FIFO through an MPMC queue filled in shuffled order, so leases spread over the whole range
 * instead of hammering its lowest ports. {@link #acquire} binds for real; a port another process holds is skipped
 * (and stays in circulation), and an empty pool returns null at once so the caller can answer {@code 425}.
 * Nothing here blocks or locks.
 */
public final class PassivePortPool {

    private static final System.Logger LOG = System.getLogger(PassivePortPool.class.getName());
    private static final long WARN_EVERY_S = 10;

    private final MpmcArrayQueue<PassivePort> free;
    private final PortBinder binder;
    private final int capacity;
    private final LongAdder exhausted = new LongAdder();
    private final LongAdder heldElsewhere = new LongAdder();
    private final WarningThrottle exhaustionWarnings = new WarningThrottle(WARN_EVERY_S, TimeUnit.SECONDS);
    private final WarningThrottle heldElsewhereWarnings = new WarningThrottle(WARN_EVERY_S, TimeUnit.SECONDS);

    /** A pool over {@code ranges}, binding through {@code binder}. */
    public PassivePortPool(List<PortRange> ranges, PortBinder binder) {
        List<PassivePort> ports = new ArrayList<>();
        for (PortRange range : ranges) {
            for (int p = range.first(); p <= range.last(); p++) {
                ports.add(new PassivePort(p));
            }
        }
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("passive port pool needs at least one port");
        }
        Collections.shuffle(ports, ThreadLocalRandom.current());
        this.capacity = ports.size();
        this.binder = binder;
        // MpmcArrayQueue rounds up to a power of two, so offer() can only fail on a double release.
        this.free = new MpmcArrayQueue<>(Math.max(2, capacity));
        for (PassivePort port : ports) {
            free.offer(port);
        }
    }

    /**
     * Any thread. Leases a port and binds a listener on it.
     *
     * @return a bound listener the caller now owns, or null when no port can be bound now (counted)
     * @throws IOException when binding fails for a reason other than the port being held; the port is returned
     */
    public PassiveListener acquire(InetAddress bindAddress) throws IOException {
        for (int tries = 0; tries < capacity; tries++) {
            PassivePort port = free.poll();           // not relaxedPoll: null must mean empty
            if (port == null) {
                break;
            }
            port.lease();
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

    /** Returns a port; called exactly once per lease, by its {@link PassiveListener}. */
    void release(PassivePort port) {
        port.release();
        if (!free.offer(port)) {
            throw new IllegalStateException("passive pool overfull on releasing port " + port.number());
        }
    }

    /** Number of ports configured. */
    public int capacity() {
        return capacity;
    }

    /** Ports free right now (approximate while other threads acquire or release). */
    public int available() {
        return free.size();
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
