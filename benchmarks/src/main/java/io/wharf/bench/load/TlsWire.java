package io.wharf.bench.load;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * A TLS {@link Wire}: a client-mode {@link SSLEngine} over a blocking channel, with the record buffers borrowed from
 * the session ({@link WireBuffers}). The server's own {@code TlsTransport} is non-blocking by contract; a session
 * thread that has nothing else to do while it waits is simpler with a plain blocking read.
 *
 * <p>The handshake runs on the first {@link #read}, {@link #write} or {@link #shutdownOutput}, or on
 * {@link #handshake()}: a data connection handshakes only after the server's {@code 150}, once the server has taken
 * up the connection for the transfer, and the sessions' transfer loops need not know that the connection is TLS.
 *
 * <p>Threading as for every wire: confined to its owner, except {@link #abort}, which closes only the socket and
 * never touches the engine.
 *
 * <pre>
 *   NEW --first I/O or handshake()--&gt; OPEN --close_notify or TCP end read--&gt; INPUT ENDED (read returns -1)
 *   OPEN --shutdownOutput(): close_notify, FIN--&gt; OUTPUT SHUT (read still works)
 *   any --close()--&gt; CLOSED (close_notify first if the handshake is done, nothing failed, and the server has not
 *                            closed its side: after its close_notify a reply would only meet a closed socket)
 * </pre>
 */
final class TlsWire implements Wire {

    /** Source of wraps that carry only TLS messages; nothing is ever taken from it, so threads may share it. */
    private static final ByteBuffer NO_DATA = ByteBuffer.allocate(0).asReadOnlyBuffer();
    /** What {@link #unwrap} returns when the plaintext does not fit the sink. */
    private static final int SINK_TOO_SMALL = -1;

    private final SocketChannel channel;
    private final SSLEngine engine;
    private final WireBuffers buffers;
    private int recordBytes;                  // plaintext of one record, once the handshake has settled it
    private boolean isHandshaken;
    private boolean isInputEnded;
    private boolean isOutputShut;
    private boolean isBroken;                 // a failure left the engine or the stream unusable: no close_notify
    private boolean isClosed;

    /**
     * @param channel a connected channel in blocking mode; this wire becomes its owner
     * @param engine  in client mode, configured, not yet used; this wire becomes its owner
     * @param buffers lent to this wire until it is closed; reset here
     */
    TlsWire(SocketChannel channel, SSLEngine engine, WireBuffers buffers) {
        this.channel = channel;
        this.engine = engine;
        this.buffers = buffers;
        buffers.reset(engine.getSession());
    }

    /** Runs the handshake now, unless it already ran. */
    void handshake() throws IOException {
        if (isHandshaken) {
            return;
        }
        try {
            engine.beginHandshake();
            while (!isHandshaken) {
                switch (engine.getHandshakeStatus()) {
                    case NEED_WRAP -> wrap(NO_DATA);
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        flush();                             // our flight must leave before the server answers it
                        unwrapToAppIn();
                        if (isInputEnded) {
                            throw new EOFException("server closed the connection during the TLS handshake");
                        }
                    }
                    case NEED_TASK -> runTasks();
                    default -> {
                        flush();                             // TLS 1.3: our Finished
                        recordBytes = engine.getSession().getApplicationBufferSize();
                        isHandshaken = true;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            isBroken = true;
            throw e;
        }
    }

    /** The negotiated session, once {@link #handshake()} has run. */
    SSLSession session() {
        return engine.getSession();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        try {
            handshake();
            while (dst.hasRemaining()) {
                ByteBuffer appIn = buffers.appIn;
                if (appIn.hasRemaining()) {
                    return moveAppIn(dst);
                }
                if (isInputEnded) {
                    return -1;
                }
                // A destination with room for a whole record gets it directly, without the copy through appIn.
                int n = dst.remaining() >= recordBytes ? unwrap(dst) : SINK_TOO_SMALL;
                if (n > 0) {
                    return n;
                }
                if (n == SINK_TOO_SMALL) {
                    unwrapToAppIn();
                }
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            isBroken = true;
            throw e;
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        try {
            handshake();
            if (isOutputShut) {
                throw new SSLException("TLS output is shut down");
            }
            int n = wrap(src);
            flush();
            return n;
        } catch (IOException | RuntimeException e) {
            isBroken = true;
            throw e;
        }
    }

    @Override
    public void shutdownOutput() throws IOException {
        try {
            handshake();
            if (!isOutputShut) {
                isOutputShut = true;
                sendCloseNotify();
                channel.shutdownOutput();
            }
        } catch (IOException | RuntimeException e) {
            isBroken = true;
            throw e;
        }
    }

    @Override
    public void close() {
        if (isClosed) {
            return;
        }
        isClosed = true;
        if (isHandshaken && !isBroken && !isOutputShut && !isInputEnded) {
            try {
                sendCloseNotify();
            } catch (IOException | RuntimeException ignored) {
                // Best effort: the server may be gone already. The socket is closed below either way.
            }
        }
        abort();
    }

    @Override
    public void abort() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing a socket only fails when the kernel already tore it down; nothing is left to release.
        }
    }

    private void sendCloseNotify() throws IOException {
        engine.closeOutbound();
        do {
            wrap(NO_DATA);
        } while (!engine.isOutboundDone() && engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP);
        flush();
    }

    // ---- records ------------------------------------------------------------------------------------------------

    /**
     * Wraps all of {@code src} into records (TLS messages alone when it is empty), sending whenever {@code netOut}
     * is full; what is left in {@code netOut} goes out with the next {@link #flush()}. Returns bytes consumed.
     */
    private int wrap(ByteBuffer src) throws IOException {
        int consumed = 0;
        while (true) {
            SSLEngineResult result = engine.wrap(src, buffers.netOut);
            consumed += result.bytesConsumed();
            Status status = result.getStatus();
            if (status == Status.BUFFER_OVERFLOW) {
                makeRoomInNetOut();
                continue;
            }
            if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                runTasks();
            }
            if (!src.hasRemaining()) {
                return consumed;
            }
            if (status == Status.CLOSED) {
                throw new SSLException("the TLS connection is closed for writing (the server sent close_notify)");
            }
            if (result.bytesConsumed() == 0 && result.bytesProduced() == 0) {
                // Only a renegotiation stops a wrap of data without closing, and FTPS servers refuse those.
                throw new SSLException("TLS engine took no data in state " + result.getHandshakeStatus());
            }
        }
    }

    private void makeRoomInNetOut() throws IOException {
        if (buffers.netOut.position() > 0) {
            flush();
        } else {
            buffers.growNetOut(engine.getSession().getPacketBufferSize());
        }
    }

    /** Sends what {@code netOut} holds, blocking until the socket has taken it all. */
    private void flush() throws IOException {
        ByteBuffer out = buffers.netOut.flip();
        try {
            while (out.hasRemaining()) {
                channel.write(out);
            }
        } finally {
            out.clear();
        }
    }

    /** Unwraps one record into {@code appIn}, growing it if the engine asks for more room. */
    private void unwrapToAppIn() throws IOException {
        buffers.appIn.compact();
        try {
            while (unwrap(buffers.appIn) == SINK_TOO_SMALL) {
                buffers.growAppIn(buffers.appIn.position() + engine.getSession().getApplicationBufferSize());
            }
        } finally {
            buffers.appIn.flip();
        }
    }

    /**
     * Unwraps one record into {@code sink}, reading from the socket first while {@code netIn} holds no whole record;
     * then does what the engine asks after the handshake (tasks, an answer such as a TLS 1.3 {@code KeyUpdate}).
     * Marks the input ended at {@code close_notify} or at a TCP end. Returns bytes placed into {@code sink}, or
     * {@link #SINK_TOO_SMALL}.
     */
    private int unwrap(ByteBuffer sink) throws IOException {
        while (true) {
            SSLEngineResult result = engine.unwrap(buffers.netIn, sink);
            switch (result.getStatus()) {
                case OK -> {
                    if (isHandshaken) {
                        answer(result.getHandshakeStatus());
                    }
                    return result.bytesProduced();
                }
                case CLOSED -> {
                    isInputEnded = true;
                    return result.bytesProduced();
                }
                case BUFFER_UNDERFLOW -> {
                    if (!fill()) {
                        isInputEnded = true;
                        return 0;
                    }
                }
                case BUFFER_OVERFLOW -> {
                    return SINK_TOO_SMALL;
                }
                default -> throw new IllegalStateException("unexpected unwrap status " + result.getStatus());
            }
        }
    }

    private void answer(HandshakeStatus status) throws IOException {
        if (status == HandshakeStatus.NEED_TASK) {
            runTasks();
            status = engine.getHandshakeStatus();
        }
        if (status == HandshakeStatus.NEED_WRAP) {
            wrap(NO_DATA);
            flush();
        }
    }

    /** Reads more of the stream into {@code netIn}; false at the TCP end. */
    private boolean fill() throws IOException {
        ByteBuffer in = buffers.netIn;
        if (in.limit() == in.capacity() && in.position() == 0) {
            buffers.growNetIn(in.capacity() + engine.getSession().getPacketBufferSize());   // a record larger than it
            in = buffers.netIn;
        }
        in.compact();
        try {
            return channel.read(in) >= 0;
        } finally {
            in.flip();
        }
    }

    private int moveAppIn(ByteBuffer dst) {
        ByteBuffer appIn = buffers.appIn;
        int n = Math.min(appIn.remaining(), dst.remaining());
        int limit = appIn.limit();
        appIn.limit(appIn.position() + n);
        dst.put(appIn);
        appIn.limit(limit);
        return n;
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }
}
