package io.wharf.server.data;

import io.wharf.server.reactor.EventLoop;
import io.wharf.server.reactor.IoHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * An active-mode data connection being opened: the server connects to the address the client gave in PORT or
 * EPRT. Non-blocking: the loop goes on while the connect is in flight and {@code OP_CONNECT} finishes it.
 * Loop-confined; owns the channel until it hands it over (with its key) or closes it.
 */
final class ActiveConnector implements IoHandler {

    /** Told how the connect ended. */
    interface Callback {
        /** Connected; the callback now owns {@code channel} and its registered {@code key}. */
        void onConnected(SocketChannel channel, SelectionKey key);

        /** The connect failed; nothing is left open. */
        void onConnectFailed(IOException cause);
    }

    private final SocketChannel channel;
    private final Callback callback;
    private SelectionKey key;
    private boolean done;

    private ActiveConnector(SocketChannel channel, Callback callback) {
        this.channel = channel;
        this.callback = callback;
    }

    /**
     * Starts connecting from {@code localAddress} (and a source port) to {@code target}.
     *
     * @return the connector, or null when no source port was free (nothing is left open)
     * @throws IOException when the connect could not even start; nothing is left open
     */
    static ActiveConnector start(EventLoop loop, InetAddress localAddress, SourcePorts sourcePorts,
                                 InetSocketAddress target, Callback callback) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (!sourcePorts.bind(channel, localAddress)) {
                channel.close();
                return null;
            }
            ActiveConnector connector = new ActiveConnector(channel, callback);
            if (channel.connect(target)) {
                connector.key = loop.register(channel, 0, connector);
                connector.connected();
            } else {
                connector.key = loop.register(channel, SelectionKey.OP_CONNECT, connector);
            }
            return connector;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void onReady(SelectionKey readyKey) throws IOException {
        if (readyKey.isConnectable() && channel.finishConnect()) {
            connected();
        }
    }

    @Override
    public void onFailure(Exception cause) {
        if (!done) {
            close();
            callback.onConnectFailed(cause instanceof IOException io ? io : new IOException(cause));
        }
    }

    /** Gives up on the connect (timeout, ABOR, session end). Idempotent. */
    void close() {
        if (done) {
            return;
        }
        done = true;
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // A connect that never completed: there is nothing to flush.
        }
    }

    private void connected() {
        done = true;
        key.interestOps(0);
        callback.onConnected(channel, key);
    }
}
