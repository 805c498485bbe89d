package io.wharf.bench.load;

import io.wharf.tls.TlsBuffers;
import io.wharf.tls.TlsTransport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import javax.net.ssl.SSLContext;

/**
 * FTPS for the sessions of one {@link IdleLoop}: the server's own non-blocking {@link TlsTransport} with a client
 * engine, engines from one context shared by the loop, and record buffers from one pool, so a held session that is
 * not reading or writing holds none (the point of an idle run is what ten thousand such sessions cost).
 *
 * <p>Every session makes a full handshake: the engines have no peer, so none offers or caches a session, and an idle
 * run opens no data connections that would need one.
 *
 * <p>Loop-confined, like the sessions.
 */
final class IdleTls {

    /** Records buffered between calls are few: a held session borrows only while it sends or receives a line. */
    private static final int POOLED_BUFFERS = 16;

    private final ClientTls tls;
    private final SSLContext context;
    private final TlsBuffers buffers = new TlsBuffers(POOLED_BUFFERS);

    IdleTls(ClientTls tls) {
        this.tls = tls;
        this.context = tls.newContext();
    }

    /** True when TLS starts at the connect; false when the session asks for it with {@code AUTH TLS}. */
    boolean isImplicit() {
        return tls.isImplicit();
    }

    /**
     * Puts {@code s} on TLS and starts the handshake; {@link #advance} it from here on.
     *
     * @param received bytes already read from the socket behind the {@code 234}, which belong to TLS; consumed
     */
    void secure(IdleSession s, ByteBuffer received) {
        TlsTransport transport = new TlsTransport(s.channel, tls.freshEngine(context), received, buffers);
        s.transport = transport;
        s.tls = transport;
    }

    /**
     * Drives the handshake of {@code s} as far as it goes now; true once it is done, with the key back on
     * {@code OP_READ}. Otherwise the key waits for what the handshake needs.
     */
    boolean advance(IdleSession s) throws IOException {
        switch (s.tls.handshake()) {
            case DONE -> {
                s.key.interestOps(SelectionKey.OP_READ);
                tls.observe(s.tls.session());
                return true;
            }
            case NEED_READ -> s.key.interestOps(SelectionKey.OP_READ);
            case NEED_WRITE -> s.key.interestOps(SelectionKey.OP_WRITE);
            default -> throw new IllegalStateException("handshake tasks run inline, yet the engine waits for them");
        }
        return false;
    }
}
