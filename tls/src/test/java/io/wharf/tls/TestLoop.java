package io.wharf.tls;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeUnit;

/**
 * A one-connection event loop for tests: drives a {@link TlsTransport} from the calling thread with its own
 * {@link Selector}, setting interest ops the way the server's loop does (OP_READ or OP_WRITE per
 * {@link TlsTransport.Progress}, OP_WRITE while {@link TlsTransport#hasPendingOutput()}). Every wait has a deadline.
 */
final class TestLoop implements AutoCloseable {

    private static final long LIMIT_NS = TimeUnit.SECONDS.toNanos(20);

    private final TlsTransport transport;
    private final Selector selector;
    private final SelectionKey key;
    private final long deadlineNs = System.nanoTime() + LIMIT_NS;

    TestLoop(TlsTransport transport) throws IOException {
        this.transport = transport;
        this.selector = Selector.open();
        this.key = transport.channel().register(selector, 0);
    }

    /** Runs the handshake to completion. */
    void handshake() throws IOException {
        handshake(() -> { });
    }

    /** Runs the handshake to completion, calling {@code beforeWaitingForPeer} each time it waits to read. */
    void handshake(Runnable beforeWaitingForPeer) throws IOException {
        while (true) {
            TlsTransport.Progress progress = transport.handshake();
            if (progress == TlsTransport.Progress.DONE) {
                return;
            }
            if (progress == TlsTransport.Progress.NEED_TASKS) {
                throw new AssertionError("handshake tasks were offloaded; this loop does not wait for them");
            }
            if (progress == TlsTransport.Progress.NEED_READ) {
                beforeWaitingForPeer.run();
            }
            await(progress == TlsTransport.Progress.NEED_READ ? SelectionKey.OP_READ : SelectionKey.OP_WRITE);
        }
    }

    /** Reads at least one byte or the end: the transport's result, never 0. */
    int read(ByteBuffer dst) throws IOException {
        while (true) {
            int n = transport.read(dst);
            if (n != 0) {
                return n;
            }
            if (transport.hasPendingOutput()) {
                transport.flush();
            }
            await(SelectionKey.OP_READ | (transport.hasPendingOutput() ? SelectionKey.OP_WRITE : 0));
        }
    }

    /** Reads until the end of the stream; returns the bytes read before it. */
    long readToEnd(ByteBuffer scratch) throws IOException {
        long total = 0;
        for (int n = read(scratch.clear()); n > 0; n = read(scratch.clear())) {
            total += n;
        }
        return total;
    }

    /** Writes all of {@code src} and flushes it. */
    void writeFully(ByteBuffer src) throws IOException {
        while (src.hasRemaining() || transport.hasPendingOutput()) {
            if (transport.hasPendingOutput() && !transport.flush()) {
                await(SelectionKey.OP_WRITE);
            } else if (src.hasRemaining() && transport.write(src) == 0) {
                await(SelectionKey.OP_WRITE);
            }
        }
    }

    /**
     * Full duplex: writes {@code src} in chunks of the given sizes while reading, until all of it is written and
     * {@code expectBytes} have been read; returns the SHA-256 of what was read.
     */
    byte[] exchange(ByteBuffer src, long expectBytes, int[] chunkSizes) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        ByteBuffer in = ByteBuffer.allocate(24_001);
        long received = 0;
        int chunk = 0;
        while (src.hasRemaining() || received < expectBytes) {
            boolean progressed = false;
            if (transport.hasPendingOutput()) {
                progressed = transport.flush();
            }
            if (src.hasRemaining() && !transport.hasPendingOutput()) {
                ByteBuffer piece = src.slice();
                piece.limit(Math.min(piece.limit(), chunkSizes[chunk++ % chunkSizes.length]));
                int n = transport.write(piece);
                src.position(src.position() + n);
                progressed |= n > 0;
            }
            int n = transport.read(in.clear());
            if (n < 0) {
                throw new EOFException("the peer ended after " + received + " bytes");
            }
            digest.update(in.flip());
            received += n;
            if (!progressed && n == 0) {
                boolean wantsWrite = transport.hasPendingOutput() || src.hasRemaining();
                await(SelectionKey.OP_READ | (wantsWrite ? SelectionKey.OP_WRITE : 0));
            }
        }
        return digest.digest();
    }

    /** Calls {@link TlsTransport#shutdownOutput()} and flushes until close_notify has left. */
    void shutdownOutput() throws IOException {
        if (!transport.shutdownOutput()) {
            while (!transport.flush()) {
                await(SelectionKey.OP_WRITE);
            }
        }
    }

    /** Waits for one of {@code ops}; fails the test at the deadline. */
    void await(int ops) throws IOException {
        key.interestOps(ops);
        long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime());
        if (remainingMs <= 0) {
            throw new AssertionError("test loop timed out waiting for interest ops " + ops);
        }
        selector.select(ready -> { }, remainingMs);
        key.interestOps(0);
    }

    @Override
    public void close() throws IOException {
        selector.close();
    }
}
