package io.wharf.server.data;

import io.wharf.server.reactor.EventLoop;
import io.wharf.server.reactor.TimerWheel;
import io.wharf.server.tls.SessionTls;
import io.wharf.tls.PlainTransport;
import io.wharf.tls.TlsTransport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A control session's side of its data connections: the passive listener or the active target, then the data
 * socket, then the transfer that uses it. Loop-confined; the single owner of all of them.
 *
 * <pre>
 *   IDLE --PASV/EPSV--> LISTENING --accept--> CONNECTED --RETR/STOR/LIST--> TRANSFERRING --done--> IDLE
 *     |                    |  '--RETR/STOR/LIST--> WAITING --accept--> TRANSFERRING
 *     |                    '--timeout: port returned (and a waiting transfer answered 425)
 *     '--PORT/EPRT--> ACTIVE_TARGET --RETR/STOR/LIST--> CONNECTING --connected--> TRANSFERRING
 *                                                          '--refused or timeout: 425
 * </pre>
 *
 * In passive mode a client may connect before or after it sends the transfer command: curl and Commons Net
 * connect first, others send RETR first. Both orders end in the same place. In active mode the server connects
 * only once the transfer command has come (RFC 959 3.2), and each PORT or EPRT serves one transfer.
 */
public final class DataEndpoint implements PassiveListener.AcceptSink, Transfer.Listener {

    private static final System.Logger LOG = System.getLogger(DataEndpoint.class.getName());

    /** The control session this endpoint reports to. */
    public interface Owner {
        /** A transfer ended (or could not start): send this final reply and resume reading commands. */
        void onTransferFinished(int code, String text);

        /** Session id, user and remote address, for log lines. */
        String logContext();
    }

    private final EventLoop loop;
    private final InetAddress controlPeer;
    private final long connectTimeoutNs;
    private final Owner owner;
    private final TimerWheel.Timer connectTimer = new TimerWheel.Timer(this::onConnectTimeout);
    private PassiveListener listener;
    private InetSocketAddress activeTarget;
    private InetAddress activeSource;
    private SourcePorts sourcePorts;
    private ActiveConnector connecting;
    private SocketChannel connected;
    private SelectionKey connectedKey;
    private Transfer waiting;
    private Transfer running;
    private SessionTls protection;          // PROT P: data connections are encrypted with this session's TLS
    private DataHandshake handshake;        // the running transfer's connection, while its TLS handshake runs

    /**
     * @param controlPeer      the control connection's client address; data connections from elsewhere are refused
     *                         so a third party cannot race the client to its passive port
     * @param connectTimeoutNs how long a passive listener waits for its connection
     */
    public DataEndpoint(EventLoop loop, InetAddress controlPeer, long connectTimeoutNs, Owner owner) {
        this.loop = loop;
        this.controlPeer = controlPeer;
        this.connectTimeoutNs = connectTimeoutNs;
        this.owner = owner;
    }

    /**
     * Replaces any previous data connection setup with a new passive listener.
     *
     * @return the port to advertise, or 0 when the pool has no bindable port (the caller answers 425)
     * @throws IOException when the listener could not be bound or registered; nothing is left leased
     */
    public int openPassive(PassivePortPool pool, InetAddress bindAddress) throws IOException {
        if (isBusy()) {
            throw new IllegalStateException("PASV while a transfer is running");
        }
        closeSetup();
        PassiveListener fresh = pool.acquire(bindAddress);
        if (fresh == null) {
            return 0;
        }
        fresh.register(loop, this);
        listener = fresh;
        loop.timers().schedule(connectTimer, loop.nowNs() + connectTimeoutNs);
        return fresh.port();
    }

    /**
     * PORT or EPRT: the next transfer connects to {@code target} from {@code localAddress}. Replaces any previous
     * setup. The caller has already checked the target against the bounce rules.
     */
    public void openActive(InetSocketAddress target, InetAddress localAddress, SourcePorts ports) {
        if (isBusy()) {
            throw new IllegalStateException("PORT while a transfer is running");
        }
        closeSetup();
        activeTarget = target;
        activeSource = localAddress;
        sourcePorts = ports;
    }

    /** PROT P with the control connection's TLS, or PROT C ({@code null}); applies to the next data connection. */
    public void protect(SessionTls tls) {
        this.protection = tls;
    }

    /** True under PROT P. */
    public boolean isProtected() {
        return protection != null;
    }

    /** True when a transfer command can proceed: a listener, an active target or a connection is ready. */
    public boolean isReady() {
        return listener != null || connected != null || activeTarget != null;
    }

    /** True while a transfer is running or waiting for its connection. */
    public boolean isBusy() {
        return waiting != null || running != null;
    }

    /** The running transfer, or null. */
    public Transfer running() {
        return running;
    }

    /** Starts {@code transfer} now if connected, else when the connection arrives. Requires {@link #isReady()}. */
    public void start(Transfer transfer) {
        if (!isReady() || isBusy()) {
            throw new IllegalStateException("transfer started with ready=" + isReady() + " busy=" + isBusy());
        }
        if (connected != null) {
            launch(transfer);
        } else if (activeTarget != null) {
            waiting = transfer;
            connectActive();
        } else {
            waiting = transfer;
        }
    }

    private void connectActive() {
        InetSocketAddress target = activeTarget;
        activeTarget = null;                       // one PORT, one transfer
        try {
            connecting = ActiveConnector.start(loop, activeSource, sourcePorts, target, new ActiveConnector.Callback() {
                @Override
                public void onConnected(SocketChannel channel, SelectionKey key) {
                    onActiveConnected(channel, key);
                }

                @Override
                public void onConnectFailed(IOException cause) {
                    connecting = null;
                    loop.timers().cancel(connectTimer);
                    failWaiting("Can't open data connection to " + describe(target) + ": " + cause.getMessage());
                }
            });
        } catch (IOException e) {
            failWaiting("Can't open data connection to " + describe(target) + ": " + e.getMessage());
            return;
        }
        if (connecting == null) {
            failWaiting("Can't open data connection: no active-mode source port free");
        } else if (waiting != null) {
            loop.timers().schedule(connectTimer, loop.nowNs() + connectTimeoutNs);
        }
    }

    private void onActiveConnected(SocketChannel channel, SelectionKey key) {
        connecting = null;
        loop.timers().cancel(connectTimer);
        connected = channel;
        connectedKey = key;
        if (waiting != null) {
            Transfer transfer = waiting;
            waiting = null;
            launch(transfer);
        }
    }

    private static String describe(InetSocketAddress target) {
        return target.getAddress().getHostAddress() + " port " + target.getPort();
    }

    /** Aborts a running or waiting transfer without a reply from it; returns true when there was one. */
    public boolean abort() {
        Transfer victim = running != null ? running : waiting;
        running = null;
        waiting = null;
        if (handshake != null) {
            handshake.close();
            handshake = null;
        }
        closeSetup();
        if (victim == null) {
            return false;
        }
        victim.abort();
        return true;
    }

    /** Session end: everything owned here is closed and the port returned. Idempotent. */
    public void close() {
        abort();
    }

    @Override
    public boolean onDataConnection(SocketChannel channel) {
        InetAddress from = peerAddress(channel);
        if (from == null || !from.equals(controlPeer)) {
            LOG.log(System.Logger.Level.WARNING, "{0} data connection from foreign address {1} refused",
                    owner.logContext(), from);
            return false;
        }
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException e) {
            return false;
        }
        loop.timers().cancel(connectTimer);
        listener = null;                 // it closes itself and returns its port once we accept
        connected = channel;
        if (waiting != null) {
            Transfer transfer = waiting;
            waiting = null;
            launch(transfer);
        }
        return true;
    }

    @Override
    public void onListenerFailed(IOException cause) {
        listener = null;
        loop.timers().cancel(connectTimer);
        LOG.log(System.Logger.Level.WARNING, "{0} passive listener failed: {1}", owner.logContext(), cause.toString());
        failWaiting("Can't open data connection: " + cause.getMessage());
    }

    @Override
    public void onTransferDone(Transfer transfer, int code, String text) {
        if (transfer == running) {
            running = null;
            owner.onTransferFinished(code, text);
        }
    }

    private void launch(Transfer transfer) {
        SocketChannel channel = connected;
        SelectionKey key = connectedKey;
        connected = null;
        connectedKey = null;
        running = transfer;
        if (protection == null) {
            transfer.start(loop, new PlainTransport(channel), key, this);
            return;
        }
        loop.timers().schedule(connectTimer, loop.nowNs() + connectTimeoutNs);
        handshake = DataHandshake.create(loop, channel, protection, new DataHandshake.Outcome() {
            @Override
            public void onSecured(TlsTransport transport, SelectionKey securedKey) {
                handshake = null;
                loop.timers().cancel(connectTimer);
                transfer.start(loop, transport, securedKey, DataEndpoint.this);
            }

            @Override
            public void onRefused(String reason) {
                handshake = null;
                failRunning(transfer, 522, reason);
            }
        });
        if (handshake != null) {
            handshake.begin(loop, key);
        }
    }

    /** The running transfer's data connection could not be used; it is already closed. */
    private void failRunning(Transfer transfer, int code, String reason) {
        loop.timers().cancel(connectTimer);
        LOG.log(System.Logger.Level.WARNING, "{0} data connection refused: {1}", owner.logContext(), reason);
        if (running == transfer) {
            running = null;
            transfer.abort();
            owner.onTransferFinished(code, reason);
        }
    }

    private void onConnectTimeout() {
        if (handshake != null) {
            handshake.close();
            handshake = null;
            failRunning(running, 425, "Can't open data connection: the TLS handshake did not finish within "
                    + connectTimeoutNs / 1_000_000_000L + " s");
            return;
        }
        if (connecting != null) {
            connecting.close();
            connecting = null;
            failWaiting("Can't open data connection: the client did not accept within " + timeoutText());
            return;
        }
        if (listener == null) {
            return;
        }
        listener.close();
        listener = null;
        failWaiting("Can't open data connection: none arrived within " + timeoutText());
    }

    /** Whole seconds, as operators configure it, unless that would round a short timeout down to "0 s". */
    private String timeoutText() {
        long ms = connectTimeoutNs / 1_000_000L;
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    private void failWaiting(String text) {
        LOG.log(System.Logger.Level.WARNING, "{0} data connection failed: {1}", owner.logContext(), text);
        if (waiting != null) {
            Transfer transfer = waiting;
            waiting = null;
            transfer.abort();
            owner.onTransferFinished(425, text);
        }
    }

    /** Closes the listener, any connect in flight and any accepted-but-unused connection. */
    private void closeSetup() {
        loop.timers().cancel(connectTimer);
        activeTarget = null;
        if (connecting != null) {
            connecting.close();
            connecting = null;
        }
        if (listener != null) {
            listener.close();
            listener = null;
        }
        if (connectedKey != null) {
            connectedKey.cancel();
            connectedKey = null;
        }
        if (connected != null) {
            try {
                connected.close();
            } catch (IOException ignored) {
                // An unused data socket; closing is all that is left to do with it.
            }
            connected = null;
        }
    }

    private static InetAddress peerAddress(SocketChannel channel) {
        try {
            return channel.getRemoteAddress() instanceof InetSocketAddress address ? address.getAddress() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
