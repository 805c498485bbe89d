package io.wharf.server.reactor;

import java.util.concurrent.TimeUnit;

/** The server's event loops, handed out round robin to new control connections. */
public final class EventLoopGroup implements AutoCloseable {

    private final EventLoop[] loops;
    private int next;            // only the acceptor threads call next(); see below

    /** Creates and starts {@code count} loops named {@code wharf-loop-0..count-1}. */
    public EventLoopGroup(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("need at least one event loop, got " + count);
        }
        loops = new EventLoop[count];
        for (int i = 0; i < count; i++) {
            loops[i] = new EventLoop("wharf-loop-" + i);
            loops[i].start();
        }
    }

    /**
     * The loop for the next connection. Several acceptors may call this at once; a lost update only skews the
     * round robin by one, which costs less than making every accept contend on an atomic.
     */
    public EventLoop next() {
        int i = next;
        next = (i + 1) % loops.length;
        return loops[i];
    }

    /** Number of loops. */
    public int size() {
        return loops.length;
    }

    /** Loop {@code i}, for tests and metrics. */
    public EventLoop loop(int i) {
        return loops[i];
    }

    /** Stops every loop, running {@code beforeStop} on each loop's own thread first, and waits up to the timeout. */
    public boolean shutdown(Runnable beforeStop, long timeout, TimeUnit unit) throws InterruptedException {
        for (EventLoop loop : loops) {
            loop.shutdown(beforeStop);
        }
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        boolean all = true;
        for (EventLoop loop : loops) {
            all &= loop.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        return all;
    }

    @Override
    public void close() throws InterruptedException {
        shutdown(() -> { }, 10, TimeUnit.SECONDS);
    }
}
