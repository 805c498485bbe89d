package io.wharf.server.reactor;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * A small bounded pool for work that blocks or takes long (hashing a large file, copying one), so no event loop
 * waits on it. Each result goes back to the loop that asked, through that loop's task queue, and runs there.
 */
public final class BlockingWorkers implements AutoCloseable {

    private final ThreadPoolExecutor pool;

    /**
     * @param name          thread name prefix, e.g. {@code wharf-file}
     * @param threads       worker threads
     * @param queueCapacity jobs that may wait; beyond that {@link #submit} refuses (overload)
     */
    public BlockingWorkers(String name, int threads, int queueCapacity) {
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), r -> {
                    Thread t = new Thread(r, name + "-" + n.getAndIncrement());
                    t.setDaemon(true);
                    return t;
                });
    }

    /**
     * Any thread; never blocks. Runs {@code work} on a worker, then {@code onDone} on {@code replyTo} with either
     * the result or the exception it threw (the other argument null).
     *
     * @return false when the queue is full: the caller answers with a transient error (4xx)
     */
    public <T> boolean submit(Callable<T> work, LoopExecutor replyTo, BiConsumer<T, Exception> onDone) {
        try {
            pool.execute(() -> {
                T result = null;
                Exception failure = null;
                try {
                    result = work.call();
                } catch (Exception e) {
                    failure = e;
                }
                T value = result;
                Exception error = failure;
                // A refused hand-back means the loop is stopping; its sessions are being closed anyway.
                replyTo.execute(() -> onDone.accept(value, error));
            });
            return true;
        } catch (RejectedExecutionException overload) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
