package io.wharf.server.data;

import io.wharf.server.reactor.EventLoop;
import io.wharf.server.reactor.IoHandler;
import io.wharf.tls.Transport;
import java.io.IOException;
import java.nio.channels.SelectionKey;

/**
 * One use of a data connection: a download, an upload or a listing. Loop-confined; it owns the data socket from
 * {@link #start} until it finishes, and whatever file it opened.
 *
 * <pre>
 *   NEW --start--> RUNNING --finish(code)--> DONE      (resources closed, owner told the final reply)
 *                     |  '--completeSending()--> CLOSING --close_notify sent--> DONE (226)
 *                     '------abort()-------> DONE      (resources closed, owner replies itself)
 * </pre>
 *
 * <p>CLOSING exists for TLS: after the last record, {@code close_notify} must leave before {@code 226} is sent, and
 * if the client has not closed its side by then, the socket goes to a {@link LingeringClose} rather than being
 * closed under it. Plain connections pass straight through.
 */
public abstract class Transfer implements IoHandler {

    /** Told when a transfer ends by itself. */
    public interface Listener {
        /** The transfer is over and its resources closed; {@code code} and {@code text} are the final reply. */
        void onTransferDone(Transfer transfer, int code, String text);
    }

    private enum State { NEW, RUNNING, CLOSING, DONE }

    private final String label;
    private State state = State.NEW;
    private Listener listener;
    /** The data connection's byte stream (plain, or TLS under PROT P); set by {@link #start}. */
    protected Transport transport;
    /** The data socket's key on the session's loop. */
    protected SelectionKey key;
    /** Payload bytes moved so far (file bytes, not wire bytes, for ASCII). */
    protected long bytes;
    /** The loop the transfer runs on. */
    protected EventLoop loop;

    /** @param label what this transfer is, for STAT and logs, e.g. {@code RETR /out/a.csv} */
    protected Transfer(String label) {
        this.label = label;
    }

    /** What this transfer is, e.g. {@code RETR /out/a.csv}. */
    public final String label() {
        return label;
    }

    /**
     * Takes over {@code data} and begins moving bytes. {@code registered} is the channel's key when it is already
     * registered with the loop (an active-mode connect), else null.
     */
    final void start(EventLoop loop, Transport data, SelectionKey registered, Listener listener) {
        if (state != State.NEW) {
            throw new IllegalStateException("transfer started in state " + state);
        }
        this.state = State.RUNNING;
        this.loop = loop;
        this.transport = data;
        this.listener = listener;
        try {
            if (registered != null) {
                registered.attach(this);
                registered.interestOps(0);
                this.key = registered;
            } else {
                this.key = loop.register(data.channel(), 0, this);
            }
            onStart();
        } catch (IOException | RuntimeException e) {
            onFailure(e);
        }
    }

    /** Called once the socket is registered; typically sets interest or moves the first bytes. */
    protected abstract void onStart() throws IOException;

    /** The data socket is ready for what the subclass asked; not called once the transfer is closing. */
    protected abstract void onIo(SelectionKey readyKey) throws IOException;

    @Override
    public final void onReady(SelectionKey readyKey) throws IOException {
        if (state == State.CLOSING) {
            continueClosing();
        } else if (state == State.RUNNING) {
            onIo(readyKey);
        }
    }

    /**
     * Everything has been handed to the transport: ends our side ({@code close_notify} under TLS) and finishes with
     * {@code 226} once that has left. Over plain TCP that is at once.
     */
    protected final void completeSending() throws IOException {
        state = State.CLOSING;
        continueClosing();
    }

    private void continueClosing() throws IOException {
        if (!transport.shutdownOutput()) {
            interest(SelectionKey.OP_WRITE);
            return;
        }
        if (!transport.isPlaintext() && !LingeringClose.peerEnded(loop, transport)) {
            LingeringClose.adopt(loop, transport, key);
            transport = null;                     // no longer ours to close
            key = null;
        }
        finish(true, 226, "Transfer complete");
    }

    /** Releases what the subclass owns (file, temporary upload). {@code completed} is true only on success. */
    protected abstract void release(boolean completed);

    /** The bytes moved so far. */
    public final long bytes() {
        return bytes;
    }

    /** True until the transfer has finished or been aborted. */
    public final boolean isDone() {
        return state == State.DONE;
    }

    /** Ends the transfer with a final reply for the client. */
    protected final void finish(boolean completed, int code, String text) {
        if (state == State.DONE) {
            return;
        }
        closeResources(completed);
        listener.onTransferDone(this, code, text);
    }

    /** Ends the transfer without telling its listener; the caller replies. Idempotent. */
    public final void abort() {
        if (state != State.DONE) {
            closeResources(false);
        }
    }

    /** Sets the data key's interest, if the socket is still open. */
    protected final void interest(int ops) {
        if (key != null && key.isValid()) {
            key.interestOps(ops);
        }
    }

    /** Data connection trouble: report 426 (RFC 959: connection closed; transfer aborted). */
    @Override
    public void onFailure(Exception cause) {
        finish(false, 426, "Data connection failed: " + describe(cause) + "; transfer aborted");
    }

    /** A short, operator-readable cause. */
    protected static String describe(Exception cause) {
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }

    private void closeResources(boolean completed) {
        state = State.DONE;
        try {
            release(completed);
        } finally {
            if (key != null) {
                key.cancel();
            }
            if (transport != null) {
                transport.close();
            }
        }
    }
}
