package io.wharf.server.reactor;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One listener's accept thread: accepts control connections (blocking, on its own thread, so no loop ever waits on
 * a burst of connects) and hands each one to the next event loop through that loop's task queue.
 */
public final class Acceptor implements AutoCloseable {

    /** Decides what happens to an accepted connection. */
    public interface Admission {
        /** Any thread. Claims a session slot; false when the server is full. */
        boolean tryAdmit();

        /** Any thread. Returns a slot whose connection could not be handed to a loop. */
        void release();

        /** Loop thread. Starts the session for {@code channel}, whose slot is already claimed. */
        void open(EventLoop loop, SocketChannel channel);
    }

    private static final System.Logger LOG = System.getLogger(Acceptor.class.getName());
    private static final byte[] FULL =
            "421 Too many connections, try again later\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BUSY = "421 Server busy, try again later\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final long BACKOFF_NS = TimeUnit.MILLISECONDS.toNanos(50);

    private final ServerSocketChannel listener;
    private final EventLoopGroup loops;
    private final Admission admission;
    private final Thread thread;

    /** @param listener a bound, blocking server channel; the acceptor owns it from now on */
    public Acceptor(String name, ServerSocketChannel listener, EventLoopGroup loops, Admission admission) {
        this.listener = listener;
        this.loops = loops;
        this.admission = admission;
        this.thread = new Thread(this::run, "wharf-accept-" + name);
    }

    /** Starts accepting. */
    public void start() {
        thread.start();
    }

    private void run() {
        while (listener.isOpen()) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException e) {
                // Typically out of file descriptors. Retrying at once would spin; a short pause lets sessions end.
                LOG.log(System.Logger.Level.ERROR, thread.getName() + " accept failed: " + e.getMessage());
                LockSupport.parkNanos(BACKOFF_NS);
                continue;
            }
            hand(channel);
        }
    }

    private void hand(SocketChannel channel) {
        if (!admission.tryAdmit()) {
            refuse(channel, FULL);
            return;
        }
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
        } catch (IOException e) {
            admission.release();
            closeQuietly(channel);
            return;
        }
        EventLoop loop = loops.next();
        if (!loop.execute(() -> admission.open(loop, channel))) {
            admission.release();
            refuse(channel, BUSY);
        }
    }

    /** Best effort: a fresh socket's send buffer always takes one short line, so this write cannot block. */
    private static void refuse(SocketChannel channel, byte[] reply) {
        try {
            channel.write(ByteBuffer.wrap(reply));
        } catch (IOException ignored) {
            // The client is gone already; nothing to tell it.
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Refused connection: closing is the whole point and it cannot be retried.
        }
    }

    /** Stops accepting and waits for the thread to end. */
    @Override
    public void close() throws InterruptedException {
        try {
            listener.close();
        } catch (IOException ignored) {
            // The listening socket is released by close regardless of the reported error.
        }
        thread.join(TimeUnit.SECONDS.toMillis(5));
    }
}
