package io.wharf.server.probe;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The probe's listening socket for PORT/EPRT. It accepts into {@link PeerPortSocket}s, so that an accepted data
 * connection, on which the probe is still the TLS client (RFC 4217 7), can offer the control session too.
 */
final class ActiveListener extends ServerSocket {

    private final int controlPort;

    ActiveListener(int controlPort) throws IOException {
        this.controlPort = controlPort;
    }

    @Override
    public Socket accept() throws IOException {
        Socket socket = new PeerPortSocket(controlPort);
        implAccept(socket);
        return socket;
    }
}
