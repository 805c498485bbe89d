package io.wharf.server.tls;

import io.wharf.config.SessionReuse;
import io.wharf.tls.TaskOffload;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The TLS of one control connection and its data connections. Loop-confined, like its session.
 *
 * <p>Each control connection gets an {@link SSLContext} of its own: its session cache and its TLS 1.3 ticket keys
 * hold this connection's session and nothing else. A data connection's engine comes from the same context, so the
 * only session it can resume is this control connection's: a ticket from another client's control connection (or
 * this server's other listeners) does not even decrypt here. That binds data connections to their FTP session under
 * TLS 1.3 as well, where comparing session ids does not work (a resumed TLS 1.3 session gets a new id).
 *
 * <p>{@link #refusal} then checks what the data handshake did: it must have resumed (the key manager was not asked
 * for a certificate) and resumed exactly the control session (same protocol and creation time: the id does not
 * survive TLS 1.3 resumption nor TLS 1.2 ticket resumption). Creation times alone could collide between two
 * control connections made in the same millisecond; the per-connection context rules that out.
 */
public final class SessionTls {

    private final ListenerTls listener;
    private final X509ExtendedKeyManager keyManager;
    private final HandshakeWitness witness;
    private final SSLContext context;
    private final TaskOffload tasks;
    private SSLSession control;

    SessionTls(ListenerTls listener, X509ExtendedKeyManager keyManager, TaskOffload tasks) {
        this.listener = listener;
        this.tasks = tasks;
        this.keyManager = keyManager;
        this.witness = new HandshakeWitness(keyManager);
        this.context = listener.newContext(witness);
    }

    /** The listener's TLS settings. */
    public ListenerTls listener() {
        return listener;
    }

    /** Where handshake tasks of this session's connections run. */
    public TaskOffload tasks() {
        return tasks;
    }

    /** A server engine for the control connection. */
    public SSLEngine newControlEngine() {
        return listener.controlEngine(context);
    }

    /** Records the control connection's negotiated session, once its handshake is done. */
    public void controlEstablished(SSLSession session) {
        this.control = session;
    }

    /** The control connection's session, or null before its handshake is done. */
    public SSLSession control() {
        return control;
    }

    /**
     * A server engine for one data connection. Under {@link SessionReuse#OFF} it comes from a context of its own,
     * so nothing can be resumed and nothing is checked; otherwise from this control connection's context.
     */
    public SSLEngine newDataEngine() {
        if (listener.sessionReuse() == SessionReuse.OFF) {
            return listener.engine(listener.newContext(keyManager));
        }
        return listener.engine(context);
    }

    /**
     * Checks a data connection's completed handshake against the listener's reuse policy.
     *
     * @return null when the connection may carry the transfer, else why not, for the {@code 522} reply
     */
    public String refusal(SSLEngine data) {
        boolean full = witness.madeFullHandshake(data);
        witness.forget(data);
        if (listener.sessionReuse() != SessionReuse.ENFORCE) {
            return null;
        }
        if (full || control == null || !sameSession(data.getSession(), control)) {
            data.getSession().invalidate();     // never let a refused session be resumed by the next attempt
            return "TLS session reuse required: the data connection must resume the control connection's TLS session";
        }
        return null;
    }

    /**
     * A resumed session keeps the original's creation time, however it was resumed: by session id (TLS 1.2, curl),
     * by ticket (TLS 1.2 with RFC 5077, lftp; the id is then the client's choice) or by PSK (TLS 1.3, new id).
     */
    private static boolean sameSession(SSLSession data, SSLSession control) {
        return data.getProtocol().equals(control.getProtocol())
                && data.getCreationTime() == control.getCreationTime();
    }
}
