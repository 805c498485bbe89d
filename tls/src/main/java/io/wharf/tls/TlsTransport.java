package io.wharf.tls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;

/**
 * A non-blocking TLS {@link Transport} over one {@link SocketChannel}: an {@link SSLEngine} between the caller's
 * plaintext and the socket's records, shaped the way Jetty's {@code SslConnection} describes itself. Every method
 * makes what progress it can now and returns; none registers interest with a selector.
 *
 * <p>Threading: confined to the event loop that owns the channel, like every {@link Transport}.
 *
 * <p>Ownership: the transport owns the channel and the engine. {@link #close()} sends {@code close_notify} if the
 * socket takes it at once, then closes the channel.
 *
 * <p>Use: drive {@link #handshake()} on each readiness event until it returns {@link Progress#DONE}, setting the
 * interest op it asks for; then read and write as with any transport.
 * <pre>{@code
 * TlsTransport tls = new TlsTransport(channel, TlsProtocols.serverEngine(context, null, null));
 * switch (tls.handshake()) {
 *     case DONE -> startProtocol();                       // read() and write() from here on
 *     case NEED_READ -> key.interestOps(SelectionKey.OP_READ);
 *     case NEED_WRITE -> key.interestOps(SelectionKey.OP_WRITE);
 * }
 * }</pre>
 *
 * <p>What TLS adds to the {@link Transport} contract:
 * <ul>
 *   <li>{@link #read} and {@link #write} before the handshake is done drive it and return {@code 0} until it is.</li>
 *   <li>{@link #read} fills {@code dst} as far as the socket allows, unwrapping as many records as it needs. When it
 *       returns with {@code dst} full, more plaintext may already sit inside the transport, where {@code OP_READ}
 *       will not announce it: call {@code read} again, or check {@link #hasBufferedInput()}, before waiting.</li>
 *   <li>{@code read} may have to answer the peer (TLS 1.3 {@code KeyUpdate}, TLS 1.2 renegotiation, the
 *       {@code close_notify} reply of TLS 1.2). What the socket cannot take at once is held: after every call,
 *       keep {@code OP_WRITE} while {@link #hasPendingOutput()} is true and call {@link #flush()} when writable.
 *       If sending that answer fails (the peer reset the connection), {@code read} still delivers what was
 *       received, and the failure is thrown by the next {@link #write}, {@link #flush()} or
 *       {@link #shutdownOutput()}.</li>
 *   <li>{@code read} returns {@code -1} after the peer's {@code close_notify} and also at a plain TCP end without
 *       one; {@link #hasReceivedCloseNotify()} tells them apart (a missing {@code close_notify} can mean a
 *       truncated upload).</li>
 * </ul>
 *
 * <p>States (each changes only as drawn):
 * <pre>
 * handshake: NOT_STARTED --handshake()--&gt; HANDSHAKING --engine finished, last flight flushed--&gt; DONE
 *                                              |  \--SSLException--&gt; FAILED
 *                                              '--tasks offloaded: NEED_TASKS--&gt; (running) --done--&gt; HANDSHAKING
 * input:     OPEN --close_notify unwrapped--&gt; CLOSE_NOTIFY
 *            OPEN --socket end of stream---&gt; EOF
 * output:    open --shutdownOutput() or close(): closeOutbound, close_notify queued--&gt; shut down
 * </pre>
 */
public final class TlsTransport implements Transport {

    /** What {@link #handshake()} needs next. */
    public enum Progress {
        /** The handshake is complete and its last flight has left: read and write. */
        DONE,
        /** Waiting for the peer: call {@code handshake()} again when the channel is readable. */
        NEED_READ,
        /** The socket cannot take the next flight now: call {@code handshake()} again when it is writable. */
        NEED_WRITE,
        /**
         * The engine's tasks run on the {@link TaskOffload} given to {@link #offloadHandshakeTasks}: wait with no
         * interest ops until its {@code resume} runs, then call {@code handshake()} again.
         */
        NEED_TASKS
    }

    private enum HandshakeState { NOT_STARTED, HANDSHAKING, DONE, FAILED }

    /** Records a bulk writer's output buffer holds: 4 x 16 KiB per socket write. */
    private static final int BULK_RECORDS = 4;

    private enum InputState { OPEN, CLOSE_NOTIFY, EOF }

    private final SocketChannel channel;
    private final SSLEngine engine;
    private final ByteBuffer noData = ByteBuffer.allocate(0);   // source of wraps carrying only TLS messages
    // All three stay in fill mode between calls: position = bytes held. Each is borrowed from the pool when bytes
    // must be held and returned when it is empty again (none stands for "not held"), so an idle connection holds
    // nothing. A bulk writer's multi-record netOut is its own and kept until close.
    private final ByteBuffer none = ByteBuffer.allocate(0);
    private final TlsBuffers buffers;
    private ByteBuffer netIn = none;
    private ByteBuffer netOut = none;
    private ByteBuffer appIn = none;
    private HandshakeState handshakeState = HandshakeState.NOT_STARTED;
    private InputState inputState = InputState.OPEN;
    private boolean sessionToForget;  // disableSessionTickets() was called and the handshake session not yet seen
    private boolean netInStarved;     // netIn holds no complete record: the last unwrap wanted more than the socket had
    private IOException answerFailure;  // read() could not send an answer (peer gone); write and flush report it
    private boolean outputShutdown;
    private boolean closed;
    private TaskOffload offload;       // null: delegated tasks run inline on the caller's thread
    private Runnable resume;
    private boolean tasksRunning;      // the engine belongs to the offload's thread until its done callback

    /**
     * @param channel a connected channel already in non-blocking mode; this transport becomes its owner
     * @param engine configured by the caller (client or server mode, protocols, cipher suites, client
     *               authentication) and not yet used; this transport becomes its owner
     */
    public TlsTransport(SocketChannel channel, SSLEngine engine) {
        this(channel, engine, ByteBuffer.allocate(0), new TlsBuffers(3));
    }

    /**
     * As {@link #TlsTransport(SocketChannel, SSLEngine)}, for a channel from which the caller already read bytes that
     * belong to the TLS stream (a ClientHello that arrived right behind {@code AUTH TLS}, or bytes read to detect
     * TLS): they are unwrapped before anything more is read from the socket.
     *
     * @param initialBytes the bytes between position and limit; consumed by this call
     */
    public TlsTransport(SocketChannel channel, SSLEngine engine, ByteBuffer initialBytes) {
        this(channel, engine, initialBytes, new TlsBuffers(3));
    }

    /**
     * As {@link #TlsTransport(SocketChannel, SSLEngine, ByteBuffer)}, borrowing record buffers from {@code buffers},
     * the pool of the event loop this transport lives on.
     */
    public TlsTransport(SocketChannel channel, SSLEngine engine, ByteBuffer initialBytes, TlsBuffers buffers) {
        if (channel.isBlocking()) {
            throw new IllegalArgumentException("channel must be non-blocking");
        }
        this.channel = channel;
        this.engine = engine;
        this.buffers = buffers;
        if (initialBytes.hasRemaining()) {
            netIn = buffers.acquire(Math.max(engine.getSession().getPacketBufferSize(), initialBytes.remaining()));
            netIn.put(initialBytes);
        }
    }

    /**
     * Runs the handshake's delegated tasks on {@code offload} instead of the caller's thread. {@link #handshake()}
     * then returns {@link Progress#NEED_TASKS} while they run, and {@code resume} is called on the loop thread once
     * they are done. Tasks after the handshake (a TLS 1.2 renegotiation) still run inline: they are rare and the
     * server refuses renegotiation anyway. Call before the first {@link #handshake()}.
     */
    public void offloadHandshakeTasks(TaskOffload offload, Runnable resume) {
        if (handshakeState != HandshakeState.NOT_STARTED) {
            throw new IllegalStateException("tasks must be offloaded before the handshake, not in state "
                    + handshakeState);
        }
        this.offload = offload;
        this.resume = resume;
    }

    /**
     * Drives the handshake as far as it can without blocking: reads and unwraps the peer's flights, runs the
     * engine's tasks, wraps and sends our own. Returns {@link Progress#DONE} only when the engine has finished and
     * everything it produced has left; after that it keeps returning {@code DONE}.
     *
     * @throws SSLException when the peer is not speaking TLS, offers nothing acceptable, fails verification, or
     *                      closes during the handshake; the fatal alert is sent if the socket takes it at once.
     *                      The transport is then unusable: close it.
     */
    public Progress handshake() throws IOException {
        try {
            return advanceHandshake();
        } finally {
            releaseEmpty();
        }
    }

    private Progress advanceHandshake() throws IOException {
        if (tasksRunning) {
            return Progress.NEED_TASKS;
        }
        switch (handshakeState) {
            case DONE -> {
                return Progress.DONE;
            }
            case FAILED -> throw new SSLHandshakeException("the TLS handshake already failed on this connection");
            case NOT_STARTED -> {
                ensureOpen();
                engine.beginHandshake();
                handshakeState = HandshakeState.HANDSHAKING;
            }
            default -> ensureOpen();
        }
        try {
            Progress progress = driveHandshake();
            if (progress == Progress.DONE) {
                handshakeState = HandshakeState.DONE;
            }
            return progress;
        } catch (SSLException e) {
            handshakeState = HandshakeState.FAILED;
            sendAlert(e);
            throw e;
        }
    }

    /**
     * Makes this connection's session one that cannot be resumed, so that a TLS 1.3 server sends no
     * {@code NewSessionTicket} after the handshake. Call it before the first {@link #handshake()}, on data
     * connections: a client that never reads the ticket (curl) closes with it unread, the kernel answers with a
     * reset, and an upload is cut short (DESIGN.md, TLS). Resuming the control connection's session still works:
     * only this connection's own TLS 1.3 session is invalidated, as soon as the engine creates it. TLS 1.2 sessions
     * are not touched (TLS 1.2 sends no tickets after the handshake).
     */
    public void disableSessionTickets() {
        if (handshakeState != HandshakeState.NOT_STARTED) {
            throw new IllegalStateException("session tickets must be disabled before the handshake, not in state "
                    + handshakeState);
        }
        sessionToForget = true;
    }

    /** True once {@link #handshake()} has returned {@link Progress#DONE}. */
    public boolean isHandshakeComplete() {
        return handshakeState == HandshakeState.DONE;
    }

    /** The engine's session: the negotiated one once the handshake is complete. */
    public SSLSession session() {
        return engine.getSession();
    }

    /** The engine, for parameters and the handshake session; wrap and unwrap it only through this transport. */
    public SSLEngine engine() {
        return engine;
    }

    /** True when the peer ended its side with {@code close_notify}, not just a TCP end of stream. */
    public boolean hasReceivedCloseNotify() {
        return inputState == InputState.CLOSE_NOTIFY;
    }

    /** Same as {@link #hasReceivedCloseNotify()}. */
    @Override
    public boolean endedCleanly() {
        return hasReceivedCloseNotify();
    }

    /**
     * True when received bytes (plaintext not yet read, or records not yet unwrapped) sit inside the transport.
     * {@code OP_READ} does not fire for them: a caller that stopped reading before {@link #read} returned {@code 0}
     * must call it again without waiting for readiness.
     */
    @Override
    public boolean hasBufferedInput() {
        return appIn.position() > 0 || netIn.position() > 0 && !netInStarved && inputState == InputState.OPEN;
    }

    /**
     * After the peer's {@code close_notify}: moves the bytes that followed it on the socket, and were read along
     * with it, into {@code dst}. They are not TLS: a client that cleared the command channel ({@code CCC}, RFC 4217
     * 12) goes on in plain text on the same socket. The caller then stops using this transport without closing it.
     *
     * @throws IllegalStateException before {@code close_notify} has been received, or when {@code dst} is too small
     */
    public void takeInputAfterClose(ByteBuffer dst) {
        if (inputState != InputState.CLOSE_NOTIFY) {
            throw new IllegalStateException("no close_notify received yet");
        }
        netIn.flip();
        try {
            dst.put(netIn);
        } finally {
            netIn.compact();
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        try {
            return readRecords(dst);
        } finally {
            releaseEmpty();
        }
    }

    private int readRecords(ByteBuffer dst) throws IOException {
        ensureOpen();
        if (handshakeState != HandshakeState.DONE && handshake() != Progress.DONE) {
            return 0;
        }
        int start = dst.position();
        takeAppIn(dst);
        while (dst.hasRemaining() && inputState == InputState.OPEN) {
            if (!unwrapInto(dst)) {
                break;
            }
        }
        int read = dst.position() - start;
        if (read == 0 && inputState != InputState.OPEN && appIn.position() == 0 && dst.hasRemaining()) {
            return -1;
        }
        return read;
    }

    /**
     * Consumes plaintext from {@code src} into records and sends them. Records the socket cannot take now stay
     * inside ({@link #hasPendingOutput()}); while any are held, this returns {@code 0} without consuming, so at most
     * one buffer of records is ever pending.
     *
     * @throws SSLException when our side of the TLS connection is already closed ({@link #shutdownOutput()}, or a
     *                      TLS 1.2 peer's {@code close_notify}, which closes both directions)
     */
    @Override
    public int write(ByteBuffer src) throws IOException {
        try {
            return writeRecords(src);
        } finally {
            releaseEmpty();
        }
    }

    private int writeRecords(ByteBuffer src) throws IOException {
        ensureOpen();
        if (outputShutdown) {
            throw new SSLException("TLS output is shut down");
        }
        throwAnswerFailure();
        if (handshakeState != HandshakeState.DONE && handshake() != Progress.DONE) {
            return 0;
        }
        if (!sendOwnOutput()) {
            return 0;
        }
        growNetOutForBulk(src.remaining());
        int consumed = 0;
        while (src.hasRemaining()) {
            SSLEngineResult result = engine.wrap(src, netOut);
            consumed += result.bytesConsumed();
            if (result.getStatus() == Status.CLOSED) {
                throw new SSLException("TLS connection is closed for writing");
            }
            if (result.getStatus() == Status.BUFFER_OVERFLOW) {
                if (!makeRoomInNetOut()) {
                    break;
                }
            } else if (result.bytesConsumed() == 0 && result.bytesProduced() == 0
                    && !(needsOwnOutput() && sendOwnOutput())) {
                break;     // the engine is renegotiating and waits for the peer before it takes more data
            }
        }
        flushNet();
        return consumed;
    }

    /**
     * True while records are waiting for the socket, or the engine has something of its own to send
     * ({@code KeyUpdate}, a renegotiation flight, {@code close_notify}) that {@link #flush()} will wrap, or
     * {@link #read} failed to send such an answer and {@link #flush()} will throw that failure.
     */
    @Override
    public boolean hasPendingOutput() {
        if (closed) {
            return false;
        }
        return netOut.position() > 0 || answerFailure != null
                || (handshakeState == HandshakeState.DONE || outputShutdown) && needsOwnOutput();
    }

    /** Sends held records, then anything the engine wants to send on its own; true when nothing is left. */
    @Override
    public boolean flush() throws IOException {
        if (closed) {
            return true;
        }
        try {
            throwAnswerFailure();
            return handshakeState == HandshakeState.DONE || outputShutdown ? sendOwnOutput() : flushNet();
        } finally {
            releaseEmpty();
        }
    }

    @Override
    public SocketChannel channel() {
        return channel;
    }

    /**
     * Starts the TLS close of our direction: queues {@code close_notify} (once) and sends what the socket takes now.
     * Returns true when it has left entirely; otherwise keep calling {@link #flush()} on {@code OP_WRITE} until it
     * returns true, then {@link #close()}. After this, {@link #write} throws; {@link #read} still works, so the
     * peer's last bytes and its own {@code close_notify} can be drained.
     */
    @Override
    public boolean shutdownOutput() throws IOException {
        ensureOpen();
        try {
            throwAnswerFailure();
            if (!outputShutdown) {
                outputShutdown = true;
                engine.closeOutbound();
            }
            return sendOwnOutput();
        } finally {
            releaseEmpty();
        }
    }

    /**
     * Queues {@code close_notify} unless {@link #shutdownOutput()} already did, makes one non-blocking attempt to
     * send what is held, and closes the channel. Idempotent; never throws.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            if (tasksRunning) {
                return;                     // the offload's thread owns the engine: no close_notify, just close
            }
            if (!outputShutdown) {
                outputShutdown = true;
                engine.closeOutbound();
            }
            sendOwnOutput();
        } catch (IOException ignored) {
            // close_notify is best effort: the peer may have reset the connection or the engine may already have
            // failed. Either way the socket is closed below, which is the part that releases resources.
        } finally {
            closed = true;
            releaseAll();
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing a socket can only fail when the kernel already tore it down; nothing is left to release.
            }
        }
    }

    /**
     * Closes the channel without {@code close_notify}, so the peer cannot take what it received for a complete
     * stream: for a connection refused after its handshake. Idempotent; never throws.
     */
    public void abort() {
        if (closed) {
            return;
        }
        closed = true;
        releaseAll();
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing a socket can only fail when the kernel already tore it down; nothing is left to release.
        }
    }

    // ---- handshake ------------------------------------------------------------------------------------------------

    private Progress driveHandshake() throws IOException {
        while (true) {
            if (sessionToForget) {
                forgetHandshakeSession();
            }
            if (!flushNet()) {
                return Progress.NEED_WRITE;        // a flight must leave before the peer can answer it
            }
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> {
                    if (startOffloadedTasks()) {
                        return Progress.NEED_TASKS;
                    }
                    runTasks();
                }
                case NEED_WRAP -> {
                    SSLEngineResult result = engine.wrap(noData, netOut);
                    if (result.getStatus() == Status.CLOSED) {
                        throw new SSLHandshakeException("the TLS engine closed during the handshake");
                    }
                    if (result.getStatus() == Status.BUFFER_OVERFLOW && !makeRoomInNetOut()) {
                        return Progress.NEED_WRITE;
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    if (!unwrapHandshake()) {
                        return Progress.NEED_READ;
                    }
                }
                default -> {
                    return Progress.DONE;           // NOT_HANDSHAKING: finished, and the flush above emptied netOut
                }
            }
        }
    }

    /**
     * Invalidates a TLS 1.3 handshake session once the engine has made it (with the ServerHello, before the
     * client's Finished can be unwrapped). The JDK sends a post-handshake ticket only for a rejoinable session
     * ({@code NewSessionTicket.T13NewSessionTicketProducer} checks {@code isRejoinable()}), so none is sent. A
     * TLS 1.3 resumption gets a copy of the resumed session under a new id, so the control session stays valid.
     * TLS 1.2 is left alone: its tickets travel inside the handshake (no pitfall), and a resumed TLS 1.2 session
     * can be the very object in the server's cache, which invalidating would remove.
     */
    private void forgetHandshakeSession() {
        SSLSession session = engine.getHandshakeSession();
        if (session != null) {
            if ("TLSv1.3".equals(session.getProtocol())) {
                session.invalidate();
            }
            sessionToForget = false;
        }
    }

    /** Hands the engine's tasks to the offload; false when there is none or it is full (run them inline then). */
    private boolean startOffloadedTasks() {
        if (offload == null) {
            return false;
        }
        tasksRunning = true;
        boolean started = offload.start(() -> runDelegatedTasks(engine), () -> {
            tasksRunning = false;
            resume.run();
        });
        if (!started) {
            tasksRunning = false;
        }
        return started;
    }

    /** One unwrap of handshake input; false when the socket has nothing more now. */
    private boolean unwrapHandshake() throws IOException {
        // Into appIn, never a scratch buffer: application data that shares a read with the peer's last flight
        // stays there for read().
        SSLEngineResult result = unwrap(appIn);
        switch (result.getStatus()) {
            case BUFFER_UNDERFLOW -> {
                int n = fillNetIn();
                if (n < 0) {
                    inputState = InputState.EOF;
                    throw new SSLHandshakeException("the peer closed the connection during the TLS handshake");
                }
                return n > 0;
            }
            case BUFFER_OVERFLOW -> {
                growAppIn();
                return true;
            }
            case CLOSED -> throw new SSLHandshakeException("the peer closed TLS during the handshake");
            default -> {
                return true;
            }
        }
    }

    /** Best effort: gets the fatal alert the engine queued for {@code failure} onto the wire. */
    private void sendAlert(SSLException failure) {
        try {
            while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                if (engine.wrap(noData, netOut).bytesProduced() == 0) {
                    break;
                }
            }
            flushNet();
        } catch (IOException | RuntimeException secondary) {
            failure.addSuppressed(secondary);
        }
    }

    // ---- records --------------------------------------------------------------------------------------------------

    /** One unwrap towards {@code dst}; false when nothing more can be read now (or input has ended). */
    private boolean unwrapInto(ByteBuffer dst) throws IOException {
        // appIn is empty here (takeAppIn drained it into dst, which still has room). Unwrap straight into dst when
        // it can hold a whole record: that saves a copy on bulk reads.
        boolean direct = dst.remaining() >= Math.max(appIn.capacity(), TlsBuffers.SIZE);
        SSLEngineResult result = unwrap(direct ? dst : appIn);
        if (!direct) {
            takeAppIn(dst);
        }
        switch (result.getStatus()) {
            case BUFFER_UNDERFLOW -> {
                int n = fillNetIn();
                if (n < 0) {
                    inputState = InputState.EOF;
                }
                return n > 0;
            }
            case BUFFER_OVERFLOW -> {
                growAppIn();
                return true;
            }
            case CLOSED -> {
                onCloseNotify();
                return false;
            }
            default -> {
                boolean progressed = result.bytesConsumed() > 0 || result.bytesProduced() > 0;
                if (needsOwnOutput()) {
                    // A post-handshake message (KeyUpdate with update_requested, a renegotiation flight) wants an
                    // answer. What the socket cannot take stays pending for flush(); unwrapping can go on meanwhile.
                    answerPeer();
                    return progressed || !needsOwnOutput();
                }
                return progressed;
            }
        }
    }

    private void onCloseNotify() {
        inputState = InputState.CLOSE_NOTIFY;
        // TLS 1.2 closes both directions on close_notify (RFC 5246 7.2.1) and the engine now wants to wrap its own;
        // TLS 1.3 closes only the peer's direction (RFC 8446 6.1) and there is nothing to send.
        answerPeer();
    }

    /**
     * Sends what the engine wants to say in reply to input, from inside read(). A failure to send is kept for the
     * next write or flush rather than thrown here: the peer may reset right after its last record (a client that
     * closes with our KeyUpdate unread), and what it sent before must still reach the caller.
     */
    private void answerPeer() {
        if (answerFailure != null) {
            return;
        }
        try {
            sendOwnOutput();
        } catch (IOException e) {
            answerFailure = e;
        }
    }

    private void throwAnswerFailure() throws IOException {
        if (answerFailure != null) {
            throw new IOException("sending a TLS reply to the peer failed: " + answerFailure.getMessage(),
                    answerFailure);
        }
    }

    /**
     * Wraps what the engine sends on its own (post-handshake messages, alerts, close_notify) and pushes held
     * records to the socket. False when the socket could not take everything now.
     */
    private boolean sendOwnOutput() throws IOException {
        while (true) {
            HandshakeStatus status = engine.getHandshakeStatus();
            if (status == HandshakeStatus.NEED_TASK) {
                runTasks();
                continue;
            }
            if (status != HandshakeStatus.NEED_WRAP) {
                return flushNet();
            }
            SSLEngineResult result = engine.wrap(noData, netOut);
            if (result.getStatus() == Status.BUFFER_OVERFLOW) {
                if (!makeRoomInNetOut()) {
                    return false;
                }
            } else if (result.bytesProduced() == 0) {
                return flushNet();              // closed engine: nothing more will come
            }
        }
    }

    private boolean needsOwnOutput() {
        HandshakeStatus status = engine.getHandshakeStatus();
        return status == HandshakeStatus.NEED_WRAP || status == HandshakeStatus.NEED_TASK;
    }

    private void runTasks() {
        runDelegatedTasks(engine);
        if (engine.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
            throw new IllegalStateException("SSLEngine still reports NEED_TASK after its tasks ran");
        }
    }

    /**
     * Runs every pending delegated task (key exchange, signature, certificate checks) on the calling thread, which
     * owns the engine meanwhile: the loop for tasks after the handshake, the offload's thread otherwise.
     */
    private static void runDelegatedTasks(SSLEngine engine) {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    // ---- buffers --------------------------------------------------------------------------------------------------

    private SSLEngineResult unwrap(ByteBuffer dst) throws SSLException {
        netIn.flip();
        try {
            return engine.unwrap(netIn, dst);
        } finally {
            netIn.compact();
        }
    }

    /** Reads from the socket into netIn: bytes read, 0 for none now, -1 at end of stream. */
    private int fillNetIn() throws IOException {
        if (!netIn.hasRemaining()) {
            int size = engine.getSession().getPacketBufferSize();
            if (size <= netIn.capacity()) {
                throw new SSLException("a TLS record does not fit in " + netIn.capacity() + " bytes");
            }
            netIn = resized(netIn, size);
        }
        int n = channel.read(netIn);
        netInStarved = n <= 0;
        return n;
    }

    /** Writes held records to the socket; true when none are left. */
    private boolean flushNet() throws IOException {
        if (netOut.position() == 0) {
            return true;
        }
        netOut.flip();
        try {
            channel.write(netOut);
        } finally {
            netOut.compact();
        }
        return netOut.position() == 0;
    }

    /** After a wrap's BUFFER_OVERFLOW: true when netOut now has room for a record, false when the socket is full. */
    private boolean makeRoomInNetOut() throws IOException {
        if (netOut.position() > 0) {
            return flushNet();
        }
        int size = engine.getSession().getPacketBufferSize();
        if (size <= netOut.capacity()) {
            throw new IllegalStateException("BUFFER_OVERFLOW from wrap into an empty " + netOut.capacity()
                    + "-byte buffer; session packet size " + size);
        }
        buffers.release(netOut);
        netOut = buffers.acquire(size);
        return true;
    }

    /**
     * A bulk writer (a download) gets room for several records, so one socket write carries them all instead of one
     * system call per 16 KiB record. Control connections write short replies and never grow: thousands of idle
     * sessions keep one record's worth each.
     */
    private void growNetOutForBulk(int plaintextBytes) {
        int packet = engine.getSession().getPacketBufferSize();
        if (plaintextBytes > packet && netOut.capacity() < BULK_RECORDS * packet && netOut.position() == 0) {
            buffers.release(netOut);
            netOut = ByteBuffer.allocate(BULK_RECORDS * packet);
        }
    }

    private void growAppIn() {
        int size = appIn.position() + engine.getSession().getApplicationBufferSize();
        if (size <= appIn.capacity()) {
            throw new IllegalStateException("BUFFER_OVERFLOW from unwrap with " + appIn.remaining() + " of "
                    + appIn.capacity() + " bytes free; session application size "
                    + engine.getSession().getApplicationBufferSize());
        }
        appIn = resized(appIn, size);
    }

    private ByteBuffer resized(ByteBuffer fillMode, int capacity) {
        ByteBuffer bigger = buffers.acquire(capacity);
        fillMode.flip();
        bigger.put(fillMode);
        buffers.release(fillMode);
        return bigger;
    }

    /** Bytes of buffer this transport holds now, for tests: 0 when it is idle. */
    int heldBufferBytes() {
        return netIn.capacity() + appIn.capacity() + netOut.capacity();
    }

    /** Gives empty buffers back to the pool; a bulk writer's multi-record output buffer stays. */
    private void releaseEmpty() {
        if (netIn.position() == 0 && netIn != none) {
            buffers.release(netIn);
            netIn = none;
        }
        if (appIn.position() == 0 && appIn != none) {
            buffers.release(appIn);
            appIn = none;
        }
        if (netOut.position() == 0 && netOut.capacity() == TlsBuffers.SIZE) {
            buffers.release(netOut);
            netOut = none;
        }
    }

    /** At close: every buffer goes back, whatever it held. */
    private void releaseAll() {
        buffers.release(netIn);
        buffers.release(appIn);
        buffers.release(netOut);
        netIn = none;
        appIn = none;
        netOut = none;
    }

    /** Moves as much held plaintext into {@code dst} as fits. */
    private void takeAppIn(ByteBuffer dst) {
        if (appIn.position() == 0 || !dst.hasRemaining()) {
            return;
        }
        appIn.flip();
        int limit = appIn.limit();
        if (appIn.remaining() > dst.remaining()) {
            appIn.limit(appIn.position() + dst.remaining());
        }
        dst.put(appIn);
        appIn.limit(limit);
        appIn.compact();
    }

    private void ensureOpen() throws ClosedChannelException {
        if (closed) {
            throw new ClosedChannelException();
        }
    }
}
