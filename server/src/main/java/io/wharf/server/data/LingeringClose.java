package io.wharf.server.data;

import io.wharf.server.reactor.EventLoop;
import io.wharf.server.reactor.IoHandler;
import io.wharf.server.reactor.TimerWheel;
import io.wharf.tls.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;

/**
 * The last moments of a TLS data connection whose transfer is over: our {@code close_notify} has left, the client
 * has not closed yet. Closing now, with the client's {@code close_notify} arriving into an unread buffer, would make
 * the kernel answer with a reset, and a reset can throw away bytes the client has not read yet (DESIGN.md, TLS).
 * So the socket lingers, reading and discarding, until the client closes or a few seconds pass, while the session
 * has already sent {@code 226} (some clients close the data connection only after reading it).
 *
 * <p>Loop-confined. Owns the transport and its key from {@link #adopt} until it closes them, which it always does:
 * on the client's end, on a read error, on its timer, or when the loop shuts down.
 */
final class LingeringClose implements IoHandler {

    private static final long LINGER_NS = 5_000_000_000L;

    private final EventLoop loop;
    private final Transport transport;
    private final SelectionKey key;
    private final TimerWheel.Timer timer = new TimerWheel.Timer(this::close);
    private boolean closed;

    private LingeringClose(EventLoop loop, Transport transport, SelectionKey key) {
        this.loop = loop;
        this.transport = transport;
        this.key = key;
    }

    /**
     * Reads what the client already sent. Returns true when it has closed its side, so the caller may close at
     * once; false when it has not, and the connection should be {@link #adopt adopted}.
     */
    static boolean peerEnded(EventLoop loop, Transport transport) throws IOException {
        ByteBuffer sink = loop.ioBuffer();
        while (true) {
            int n = transport.read(sink.clear());
            if (n < 0) {
                return true;
            }
            if (n == 0) {
                return false;
            }
        }
    }

    /** Takes over {@code transport} (whose output is shut down) and its key until the client closes. */
    static void adopt(EventLoop loop, Transport transport, SelectionKey key) {
        LingeringClose linger = new LingeringClose(loop, transport, key);
        key.attach(linger);
        key.interestOps(SelectionKey.OP_READ);
        loop.timers().schedule(linger.timer, loop.nowNs() + LINGER_NS);
    }

    @Override
    public void onReady(SelectionKey readyKey) throws IOException {
        if (peerEnded(loop, transport)) {
            close();
        }
    }

    @Override
    public void onFailure(Exception cause) {
        close();                  // a reset after our close_notify: the client is gone, nothing more to wait for
    }

    @Override
    public void onShutdown() {
        close();
    }

    private void close() {
        if (closed) {
            return;
        }
        closed = true;
        loop.timers().cancel(timer);
        key.cancel();
        transport.close();
    }
}
