package io.wharf.tls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** The unencrypted {@link Transport}: reads and writes go straight to the non-blocking channel. */
public final class PlainTransport implements Transport {

    private final SocketChannel channel;

    /** @param channel a connected channel already in non-blocking mode; this transport becomes its owner */
    public PlainTransport(SocketChannel channel) {
        if (channel.isBlocking()) {
            throw new IllegalArgumentException("channel must be non-blocking");
        }
        this.channel = channel;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return channel.read(dst);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return channel.write(src);
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
        return channel;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing a socket can only fail when the kernel already tore it down; nothing is left to release.
        }
    }
}
