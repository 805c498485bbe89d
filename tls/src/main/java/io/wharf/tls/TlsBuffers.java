package io.wharf.tls;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The record buffers of {@link TlsTransport}s, lent while a transport holds bytes in them and taken back when they
 * are empty. An idle TLS connection (a control connection between commands) then holds none: a transport that kept
 * its three 16 KiB buffers for life would cost 50 KiB per session, half a gigabyte for ten thousand idle partners.
 * Busy transports borrow and return without allocating: what one returns, the next borrows.
 *
 * <p>One size class, large enough for a whole TLS record or its plaintext; a larger request (an engine that asks
 * for more, a bulk writer's multi-record buffer) is allocated and, on return, left to the garbage collector.
 *
 * <p>Threading: loop-confined, like the transports that share it: one pool per event loop.
 */
public final class TlsBuffers {

    /** Fits a TLS record (16,709 bytes with the JDK) and the plaintext of one (16,704). */
    static final int SIZE = 17 * 1024;

    private final ArrayDeque<ByteBuffer> idle = new ArrayDeque<>();
    private final int maxIdle;

    /** @param maxIdle how many returned buffers to keep for reuse; more are dropped */
    public TlsBuffers(int maxIdle) {
        this.maxIdle = maxIdle;
    }

    /** An empty buffer in fill mode with at least {@code capacity} bytes. */
    ByteBuffer acquire(int capacity) {
        if (capacity > SIZE) {
            return ByteBuffer.allocate(capacity);
        }
        ByteBuffer buffer = idle.pollFirst();
        return buffer != null ? buffer.clear() : ByteBuffer.allocate(SIZE);
    }

    /** Takes back a buffer the caller no longer uses; pooled ones are kept, up to the limit. */
    void release(ByteBuffer buffer) {
        if (buffer.capacity() == SIZE && idle.size() < maxIdle) {
            idle.addFirst(buffer);
        }
    }

    /** Buffers waiting to be lent, for tests and metrics. */
    public int idle() {
        return idle.size();
    }
}
