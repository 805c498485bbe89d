package io.wharf.bench.control;

import io.wharf.tls.Transport;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A {@link Transport} whose socket takes everything at once and throws it away, so a reply benchmark measures
 * encoding and the buffer's own bookkeeping, not the kernel. It counts the bytes it was given, so a harness can check
 * that what it measured was actually written.
 *
 * <p>It has no channel: {@link #channel()} returns null, which only selector registration would notice.
 */
final class DiscardingTransport implements Transport {

    private long bytesWritten;

    @Override
    public int read(ByteBuffer dst) {
        return 0;
    }

    @Override
    public int write(ByteBuffer src) {
        int n = src.remaining();
        src.position(src.limit());
        bytesWritten += n;
        return n;
    }

    @Override
    public boolean hasPendingOutput() {
        return false;
    }

    @Override
    public boolean flush() {
        return true;
    }

    @Override
    public boolean isPlaintext() {
        return true;
    }

    @Override
    public SocketChannel channel() {
        return null;
    }

    @Override
    public void close() {
        // Nothing is open.
    }

    /** Bytes accepted since construction. */
    long bytesWritten() {
        return bytesWritten;
    }
}
