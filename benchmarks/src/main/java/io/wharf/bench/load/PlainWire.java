package io.wharf.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** The unencrypted {@link Wire}: reads and writes go straight to a blocking channel. */
final class PlainWire implements Wire {

    private final SocketChannel channel;

    /** @param channel a connected channel in blocking mode; this wire becomes its owner */
    PlainWire(SocketChannel channel) {
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
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();                        // end of file for the server (stream mode)
    }

    @Override
    public void close() {
        abort();
    }

    @Override
    public void abort() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing a socket only fails when the kernel already tore it down; nothing is left to release.
        }
    }
}
