package io.wharf.bench.data;

import java.util.ArrayDeque;

/**
 * The baseline: a MINA-style passive port list, every call under one monitor, {@code -1} when empty. It is written
 * here, not used from MINA, so the comparison measures the locking and nothing else: ports are boxed once up front
 * and re-used, so {@link #release} allocates nothing, and no bind is attempted (MINA probes by binding a throwaway
 * socket inside its lock, which would only widen the gap).
 */
final class SynchronizedPortList {

    private final ArrayDeque<Integer> free;
    private final Integer[] boxed;
    private final int first;

    /** Ports {@code first .. first + count - 1}, all free. */
    SynchronizedPortList(int first, int count) {
        this.first = first;
        this.free = new ArrayDeque<>(count);
        this.boxed = new Integer[count];
        for (int i = 0; i < count; i++) {
            boxed[i] = first + i;
            free.addLast(boxed[i]);
        }
    }

    /** A free port, or {@code -1} when none is left (MINA's convention, kept for a faithful baseline). */
    synchronized int acquire() {
        Integer port = free.pollFirst();
        return port == null ? -1 : port;
    }

    /** Returns {@code port}; FIFO like the lock-free pool, so both circulate ports the same way. */
    synchronized void release(int port) {
        free.addLast(boxed[port - first]);
    }

    synchronized int available() {
        return free.size();
    }
}
