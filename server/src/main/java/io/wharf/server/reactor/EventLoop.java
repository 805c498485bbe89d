package io.wharf.server.reactor;

import io.wharf.tls.TlsBuffers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpscArrayQueue;

/**
 * One thread, one {@link Selector}: the owner of every session, data connection and passive listener pinned to it.
 *
 * <p>The loop never blocks on anything but {@code select}. Other threads reach it only through {@link #execute},
 * a bounded lock-free MPSC queue that wakes the selector at most once per pass.
 *
 * <pre>
 * while running:
 *     disarm wakeup            (so a task offered from here on wakes a sleeping select)
 *     run queued tasks         (bounded per pass)
 *     expire due timers
 *     selectNow if anything ran, else select until the next timer tick (or until woken)
 *     run what waited for the channels closed before that select to be released
 * </pre>
 */
public final class EventLoop implements LoopExecutor {

    private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());
    private static final int TASK_QUEUE_CAPACITY = 1 << 16;
    private static final int TASKS_PER_PASS = 1024;
    private static final int IO_BUFFER_BYTES = 256 * 1024;

    private final String name;
    private final Selector selector;
    private final MpscArrayQueue<Runnable> tasks = new MpscArrayQueue<>(TASK_QUEUE_CAPACITY);
    private final AtomicBoolean wakeupArmed = new AtomicBoolean();
    private final AtomicLong rejectedTasks = new AtomicLong();
    private final AtomicLong handlerFailures = new AtomicLong();
    private final TimerWheel timers;
    private final Consumer<SelectionKey> onReady = this::dispatch;
    private final MessagePassingQueue.Consumer<Runnable> runTask = this::runTask;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final ByteBuffer ioBuffer = ByteBuffer.allocateDirect(IO_BUFFER_BYTES);
    /** Record buffers for this loop's TLS connections; 256 idle ones (4.25 MiB) cover a busy loop's churn. */
    private final TlsBuffers tlsBuffers = new TlsBuffers(256);
    /** Loop-confined: tasks that must wait until the selector has really closed channels closed before them. */
    private final ArrayDeque<Runnable> afterRelease = new ArrayDeque<>();
    private final Thread thread;
    private volatile boolean running = true;

    /** Creates the loop and its thread; call {@link #start()} to run it. */
    public EventLoop(String name) {
        this.name = name;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open selector for " + name, e);
        }
        this.timers = new TimerWheel(System.nanoTime());
        this.thread = new Thread(this::run, name);
    }

    /** Starts the loop thread. */
    public void start() {
        thread.start();
    }

    /** The loop's name, which is also its thread's name. */
    public String name() {
        return name;
    }

    /** True when called from this loop's own thread. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /**
     * Any thread; never blocks. Queues {@code task} to run on this loop. A full queue is overload: the task is
     * refused, counted, and the caller must handle the refusal (close the connection it was handing over, say).
     */
    @Override
    public boolean execute(Runnable task) {
        if (!running || !tasks.offer(task)) {
            rejectedTasks.incrementAndGet();
            return false;
        }
        if (wakeupArmed.compareAndSet(false, true)) {
            selector.wakeup();
        }
        return true;
    }

    /** Loop thread only. Registers {@code channel} (non-blocking) with this loop's selector. */
    public SelectionKey register(SelectableChannel channel, int ops, IoHandler handler) throws ClosedChannelException {
        assert inLoop() : "register off the loop thread";
        return channel.register(selector, ops, handler);
    }

    /**
     * Loop thread only. Runs {@code task} once every channel closed so far has released its socket. Closing a channel
     * that is registered with the selector only marks it: the socket stays open, and a listener keeps listening,
     * until the next select deregisters it. A passive port returned to its pool before then would fail to bind
     * on another loop as if another process held it.
     */
    public void afterChannelsRelease(Runnable task) {
        assert inLoop() : "afterChannelsRelease off the loop thread";
        afterRelease.add(task);
    }

    /** Loop thread only. The loop's timers. */
    public TimerWheel timers() {
        assert inLoop() : "timers touched off the loop thread";
        return timers;
    }

    /** The loop's clock, in nanoseconds. */
    public long nowNs() {
        return System.nanoTime();
    }

    /**
     * Loop thread only. A direct buffer shared by everything on this loop, for work that fills and empties it within
     * one call (a STOR read that is written to the file before returning). Returned cleared.
     */
    public ByteBuffer ioBuffer() {
        assert inLoop() : "ioBuffer touched off the loop thread";
        return ioBuffer.clear();
    }

    /** Loop thread only. The pool this loop's TLS transports borrow record buffers from. */
    public TlsBuffers tlsBuffers() {
        assert inLoop() : "TLS buffers touched off the loop thread";
        return tlsBuffers;
    }

    /** Tasks refused because the queue was full or the loop was stopping. */
    public long rejectedTasks() {
        return rejectedTasks.get();
    }

    /** Handler and task failures caught by the loop. */
    public long handlerFailures() {
        return handlerFailures.get();
    }

    /**
     * Any thread. Asks the loop to stop: {@code beforeStop} runs on the loop, then every registered handler's
     * {@link IoHandler#onShutdown} (sessions say {@code 421}), then the selector closes. Returns at once; see
     * {@link #awaitTermination}.
     */
    public void shutdown(Runnable beforeStop) {
        boolean queued = execute(() -> {
            try {
                beforeStop.run();
            } finally {
                running = false;
            }
        });
        if (!queued) {
            running = false;
            selector.wakeup();
        }
    }

    /** Waits for the loop thread to finish. */
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }

    private void run() {
        try {
            while (running) {
                wakeupArmed.set(false);
                int work = tasks.drain(runTask, TASKS_PER_PASS);
                work += timers.expire(nowNs());
                if (!running) {
                    break;
                }
                // Only what was queued before this select: channels closed during its dispatch are released next time.
                int released = afterRelease.size();
                if (work > 0 || released > 0 || !tasks.isEmpty()) {
                    selector.selectNow(onReady);
                } else {
                    selector.select(onReady, timers.millisToNextTick(nowNs()));
                }
                runAfterRelease(released);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, name + " selector failed; loop stopping", e);
        } finally {
            closeAll();
            terminated.countDown();
        }
    }

    private void runAfterRelease(int count) {
        for (int i = 0; i < count; i++) {
            runTask(afterRelease.poll());
        }
    }

    private void runTask(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // MessagePassingQueue.drain's consumer must never throw, so a failing task is contained here.
            handlerFailures.incrementAndGet();
            LOG.log(System.Logger.Level.ERROR, name + " task failed", e);
        }
    }

    private void dispatch(SelectionKey key) {
        IoHandler handler = (IoHandler) key.attachment();
        if (!key.isValid()) {
            return;          // closed earlier in this same pass by another handler of the same session
        }
        try {
            handler.onReady(key);
        } catch (Exception e) {
            handlerFailures.incrementAndGet();
            try {
                handler.onFailure(e);
            } catch (RuntimeException nested) {
                nested.addSuppressed(e);
                LOG.log(System.Logger.Level.ERROR, name + " failure handler threw", nested);
            }
        }
    }

    private void closeAll() {
        SelectionKey[] keys = selector.keys().toArray(new SelectionKey[0]);
        for (SelectionKey key : keys) {
            if (key.isValid() && key.attachment() instanceof IoHandler handler) {
                try {
                    handler.onShutdown();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, name + " shutdown handler failed", e);
                }
            }
        }
        for (SelectionKey key : keys) {
            try {
                key.channel().close();
            } catch (IOException ignored) {
                // Shutting down: the channel is gone either way and there is nobody left to tell.
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // As above: the selector's fds are released by close even when it reports an error.
        }
        runAfterRelease(afterRelease.size());     // the selector's close released every channel
    }
}
