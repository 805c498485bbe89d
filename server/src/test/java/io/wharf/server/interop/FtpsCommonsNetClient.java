package io.wharf.server.interop;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.apache.commons.net.ftp.FTPSClient;

/**
 * Commons Net's {@link FTPSClient}, recording the TLS session of the control connection and of every data connection.
 *
 * <p>Stock, it never resumes the control connection's session on a data connection: JSSE finds client sessions by
 * host and port, and the data port is not the control port. So {@code session-reuse: enforce} refuses it, which is
 * right. With {@code resume}, it does what curl and lftp do: each {@code PROT P} data connection is made over a
 * socket that reports the control port ({@link FtpsInterop.ControlPortSocket}), so JSSE offers the control session,
 * and the handshake is done here instead of in {@link FTPSClient}, which only handshakes sockets that are already
 * {@link SSLSocket}s. Nothing else changes: the commands sent and the transfer code are Commons Net's. Passive mode
 * only: in active mode the data socket comes from Commons Net's server socket factory, which this leaves alone.
 */
final class FtpsCommonsNetClient extends FTPSClient {

    private final SSLContext context;
    private final boolean resume;
    private final List<SSLSocket> dataSockets = new ArrayList<>();

    FtpsCommonsNetClient(boolean implicit, SSLContext context, boolean resume) {
        super(implicit, context);
        this.context = context;
        this.resume = resume;
    }

    /** True when data connections resume the control connection's session. */
    boolean resumes() {
        return resume;
    }

    /** The control connection's session. */
    SSLSession controlSession() {
        return ((SSLSocket) _socket_).getSession();
    }

    /** The sessions of the encrypted data connections made so far, in order. */
    List<SSLSession> dataSessions() {
        return dataSockets.stream().map(SSLSocket::getSession).toList();
    }

    @Override
    public void execPROT(String prot) throws IOException {
        super.execPROT(prot);
        if (resume && "P".equals(prot)) {
            setSocketFactory(new ControlPortSockets(getRemotePort()));
        }
    }

    @Override
    protected void _prepareDataSocket_(Socket socket) {
        if (socket instanceof SSLSocket tls) {
            dataSockets.add(tls);
        }
    }

    @Override
    protected Socket _openDataConnection_(String command, String arg) throws IOException {
        Socket socket = super._openDataConnection_(command, arg);
        if (socket instanceof FtpsInterop.ControlPortSocket data) {
            SSLSocket tls;
            try {
                tls = FtpsInterop.resume(context, data, ((SSLSocket) _socket_).getEnabledProtocols());
            } catch (IOException e) {
                data.close();
                throw e;
            }
            dataSockets.add(tls);
            return tls;
        }
        return socket;
    }

    /** Unconnected plain sockets that report the control port; Commons Net connects them to the data port. */
    private static final class ControlPortSockets extends SocketFactory {
        private final int controlPort;

        ControlPortSockets(int controlPort) {
            this.controlPort = controlPort;
        }

        @Override
        public Socket createSocket() {
            return new FtpsInterop.ControlPortSocket(controlPort);
        }

        @Override
        public Socket createSocket(String host, int port) {
            throw new UnsupportedOperationException("Commons Net creates data sockets unconnected");
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
            throw new UnsupportedOperationException("Commons Net creates data sockets unconnected");
        }

        @Override
        public Socket createSocket(InetAddress host, int port) {
            throw new UnsupportedOperationException("Commons Net creates data sockets unconnected");
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
            throw new UnsupportedOperationException("Commons Net creates data sockets unconnected");
        }
    }
}
