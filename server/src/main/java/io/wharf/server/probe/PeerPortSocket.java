package io.wharf.server.probe;

import java.net.Socket;

/**
 * A data socket that reports the control connection's port as its own.
 *
 * <p>Why: JSSE looks a client session up in its cache by the peer host given to
 * {@code SSLSocketFactory.createSocket(socket, host, port, autoClose)} and by the port of the layered socket itself
 * ({@code getPort()}), not by the port argument. A data connection's own port is never the control port, so a plain
 * socket never offers the control session; this one does, which is what curl and lftp do and what servers that
 * require session reuse check (RFC 4217 10.2, vsftpd {@code require_ssl_reuse}).
 */
final class PeerPortSocket extends Socket {

    private final int controlPort;

    PeerPortSocket(int controlPort) {
        this.controlPort = controlPort;
    }

    @Override
    public int getPort() {
        return controlPort;
    }
}
