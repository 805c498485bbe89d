package io.wharf.bench.load;

import io.wharf.tls.PlainTransport;
import io.wharf.tls.TlsTransport;
import io.wharf.tls.Transport;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One control connection of an {@code idle} run. A plain state holder, confined to the {@link IdleLoop} that opened
 * it; the loop drives the protocol.
 *
 * <pre>
 *   CONNECTING --connected--> GREETING --220--> USER_SENT --331--> PASS_SENT --230--> IDLE
 *                                                   '---------230 (no password)--------^
 *   explicit FTPS:  GREETING --220--> AUTH_SENT --234--> HANDSHAKING --done--> USER_SENT
 *   implicit FTPS:  CONNECTING --connected--> HANDSHAKING --done--> GREETING
 *   IDLE --due--> NOOP_SENT --200--> IDLE          IDLE, NOOP_SENT --close--> QUITTING --EOF--> CLOSED
 *   any --error, EOF, unexpected reply, timeout--> CLOSED (counted as a failure)
 * </pre>
 */
final class IdleSession {

    /** Where the session is; see the class diagram. */
    enum State {
        CONNECTING, GREETING, AUTH_SENT, HANDSHAKING, USER_SENT, PASS_SENT, IDLE, NOOP_SENT, QUITTING, CLOSED;

        /** Still connecting or logging in: counts against the loop's in-flight limit. */
        boolean isOpening() {
            return isConnecting() || this == USER_SENT || this == PASS_SENT;
        }

        /** Before the login proper: TCP, greeting, TLS. A failure here counts as a failed connect. */
        boolean isConnecting() {
            return this == CONNECTING || this == GREETING || this == AUTH_SENT || this == HANDSHAKING;
        }

        /** Logged in and still open. */
        boolean isHeld() {
            return this == IDLE || this == NOOP_SENT;
        }

        /** Waiting for the server, so subject to the reply timeout. */
        boolean isWaiting() {
            return isOpening() || this == NOOP_SENT || this == QUITTING;
        }
    }

    final SocketChannel channel;
    final long openedNs;
    /** Replies carry nothing the idle run needs beyond their codes, so no text is kept. */
    final ReplyParser replies = new ReplyParser(0);
    /** The channel as the protocol sees it: plain, then TLS once secured. Owns the channel. */
    Transport transport;
    /** The same transport while it is TLS, for the handshake; null for plain FTP. */
    TlsTransport tls;
    SelectionKey key;
    State state = State.CONNECTING;
    long waitingSinceNs;
    long nextNoopNs;
    long noopSentNs;
    /** The rest of a line the socket did not take at once; null almost always. */
    ByteBuffer unsent;
    boolean isScheduled;

    IdleSession(SocketChannel channel, long openedNs) {
        this.channel = channel;
        this.transport = new PlainTransport(channel);
        this.openedNs = openedNs;
        this.waitingSinceNs = openedNs;
    }

    boolean isClosed() {
        return state == State.CLOSED;
    }

    /** Enters {@code next}, which waits for the server from {@code nowNs}. */
    void await(State next, long nowNs) {
        state = next;
        waitingSinceNs = nowNs;
    }
}
