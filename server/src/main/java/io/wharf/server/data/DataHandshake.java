package io.wharf.server.data;

import io.wharf.server.reactor.EventLoop;
import io.wharf.server.reactor.IoHandler;
import io.wharf.server.tls.SessionTls;
import io.wharf.tls.TlsTransport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;

/**
 * The TLS handshake of one {@code PROT P} data connection, before its transfer may touch it. Loop-confined; owns the
 * socket and its TLS transport until it hands both to the transfer, or closes them when the handshake fails or the
 * connection is refused.
 *
 * <p>Data connections issue no TLS 1.3 session tickets (DESIGN.md, TLS: a client that never reads one can lose an
 * upload to the reset its unread ticket causes), and under the {@code enforce} policy a connection that did not
 * resume its control connection's session is refused: that is what stops a third party who raced the client to the
 * passive port.
 */
final class DataHandshake implements IoHandler {

    /** Where the outcome goes. */
    interface Outcome {
        /** The connection is encrypted and accepted: the transport is now the callee's. */
        void onSecured(TlsTransport transport, SelectionKey key);

        /** The handshake failed or the connection was refused; everything is already closed. */
        void onRefused(String reason);
    }

    private final TlsTransport transport;
    private final SSLEngine engine;
    private final SessionTls session;
    private final Outcome outcome;
    private SelectionKey key;
    private boolean done;

    private DataHandshake(TlsTransport transport, SSLEngine engine, SessionTls session, Outcome outcome) {
        this.transport = transport;
        this.engine = engine;
        this.session = session;
        this.outcome = outcome;
    }

    /**
     * A handshake for {@code channel}, not started yet; {@link #begin} starts it. Returns null, with the channel
     * closed and the outcome told, when no engine can be made.
     */
    static DataHandshake create(EventLoop loop, SocketChannel channel, SessionTls session, Outcome outcome) {
        SSLEngine engine;
        try {
            engine = session.newDataEngine();
        } catch (RuntimeException e) {
            closeQuietly(channel);
            outcome.onRefused("TLS engine could not be created: " + e.getMessage());
            return null;
        }
        TlsTransport transport = new TlsTransport(channel, engine, ByteBuffer.allocate(0), loop.tlsBuffers());
        transport.disableSessionTickets();
        DataHandshake handshake = new DataHandshake(transport, engine, session, outcome);
        transport.offloadHandshakeTasks(session.tasks(), handshake::advance);
        return handshake;
    }

    /**
     * Registers the channel (unless {@code registered}, its key from an active-mode connect, is given) and drives the
     * handshake as far as it goes now. The outcome may be reported before this returns.
     */
    void begin(EventLoop loop, SelectionKey registered) {
        try {
            if (registered != null) {
                registered.attach(this);
                key = registered;
            } else {
                key = loop.register(transport.channel(), 0, this);
            }
        } catch (IOException | RuntimeException e) {
            fail("data connection lost: " + e.getMessage());
            return;
        }
        advance();
    }

    @Override
    public void onReady(SelectionKey readyKey) {
        advance();
    }

    @Override
    public void onFailure(Exception cause) {
        fail("data connection failed: " + cause.getMessage());
    }

    private void advance() {
        if (done) {
            return;
        }
        TlsTransport.Progress progress;
        try {
            progress = transport.handshake();
        } catch (IOException e) {
            fail("TLS handshake on the data connection failed: " + e.getMessage());
            return;
        }
        switch (progress) {
            case NEED_READ -> key.interestOps(SelectionKey.OP_READ);
            case NEED_WRITE -> key.interestOps(SelectionKey.OP_WRITE);
            case NEED_TASKS -> key.interestOps(0);           // the task offload calls back
            default -> check();
        }
    }

    private void check() {
        String refusal = session.refusal(engine);
        if (refusal != null) {
            fail(refusal);
            return;
        }
        done = true;
        key.interestOps(0);
        outcome.onSecured(transport, key);
    }

    private void fail(String reason) {
        close();
        outcome.onRefused(reason);
    }

    /**
     * Closes the socket unless it was handed on. Idempotent. No {@code close_notify}: a refused peer must see a
     * broken stream, never an empty file that ended cleanly.
     */
    void close() {
        if (done) {
            return;
        }
        done = true;
        if (key != null) {
            key.cancel();
        }
        transport.abort();
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Never used: nothing but the descriptor to release.
        }
    }
}
