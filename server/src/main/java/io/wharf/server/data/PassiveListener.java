package io.wharf.server.data;

import io.wharf.server.reactor.EventLoop;
import io.wharf.server.reactor.IoHandler;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A bound passive listener and the port it leases. Loop-confined once registered.
 *
 * <p>It is the single owner of its port: the port goes back to the pool exactly once, in {@link #close()}, which
 * runs when the data connection has been accepted (the accepted socket keeps working), when the accept times out,
 * when a new PASV replaces it, or when the session ends.
 */
public final class PassiveListener implements IoHandler, AutoCloseable {

    /** Receives connections accepted on the listener. */
    public interface AcceptSink {
        /** Offers an accepted, non-blocking data connection; return false to refuse it (the listener closes it). */
        boolean onDataConnection(SocketChannel channel);

        /** Accepting failed; the listener is already closed. */
        void onListenerFailed(IOException cause);
    }

    private final PassivePortPool pool;
    private final PassivePort port;
    private final ServerSocketChannel channel;
    private AcceptSink sink;
    private EventLoop loop;
    private boolean closed;

    PassiveListener(PassivePortPool pool, PassivePort port, ServerSocketChannel channel) {
        this.pool = pool;
        this.port = port;
        this.channel = channel;
    }

    /** The leased port number. */
    public int port() {
        return port.number();
    }

    /** Starts accepting on {@code loop}; connections go to {@code sink}. Closes itself when registration fails. */
    public void register(EventLoop loop, AcceptSink sink) throws IOException {
        this.sink = sink;
        try {
            loop.register(channel, SelectionKey.OP_ACCEPT, this);
            this.loop = loop;
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void onReady(SelectionKey key) throws IOException {
        SocketChannel accepted;
        while (!closed && (accepted = channel.accept()) != null) {
            accepted.configureBlocking(false);
            if (sink.onDataConnection(accepted)) {
                close();
                return;
            }
            accepted.close();
        }
    }

    @Override
    public void onFailure(Exception cause) {
        close();
        sink.onListenerFailed(cause instanceof IOException io ? io : new IOException(cause));
    }

    /** True once closed; the port goes back to the pool as soon as the loop has released the socket. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the listener and returns its port to the pool: at once if it was never registered, else once its loop
     * has released the socket, so the port is never handed out while it still listens. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // A listening socket that fails to close has nothing left to flush; the port is returned regardless.
        } finally {
            if (loop == null) {
                pool.release(port);
            } else {
                loop.afterChannelsRelease(() -> pool.release(port));
            }
        }
    }
}
