package io.wharf.tls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A non-blocking byte stream over one {@link SocketChannel}: plain TCP today, TLS over the same contract
 * (AUTH TLS swaps a session's transport once its {@code 234} has been flushed; protocol code never knows which it has).
 *
 * <p>Threading: a transport belongs to one event loop and is used only by that loop's thread.
 *
 * <p>Contract, in the manner of Jetty's {@code EndPoint}:
 * <ul>
 *   <li>{@link #read} returns the number of bytes placed in {@code dst}, {@code 0} when nothing can be read now,
 *       or {@code -1} when the peer has closed its side. It never blocks.</li>
 *   <li>{@link #write} returns how many bytes of {@code src} were consumed; {@code 0} means the socket cannot take
 *       more now and the caller should wait for {@code OP_WRITE}. Consumed bytes may still sit inside the transport
 *       (TLS records): {@link #hasPendingOutput()} says so and {@link #flush()} pushes them on.</li>
 *   <li>Neither method registers interest with a selector; only the loop side changes interest ops.</li>
 *   <li>{@link #close()} is idempotent and closes the channel; the transport is the channel's owner.</li>
 * </ul>
 */
public interface Transport extends AutoCloseable {

    /** Reads what is available now into {@code dst}: bytes read, {@code 0} for none now, {@code -1} at the end. */
    int read(ByteBuffer dst) throws IOException;

    /** Consumes what the socket takes now from {@code src}; {@code 0} means wait for writability. */
    int write(ByteBuffer src) throws IOException;

    /** True when bytes already consumed by {@link #write} are still waiting for the socket. */
    boolean hasPendingOutput();

    /** Pushes pending output to the socket; returns true when nothing is pending any more. */
    boolean flush() throws IOException;

    /**
     * True when bytes written straight to {@link #channel()} reach the peer unchanged, so a download may use
     * {@code FileChannel.transferTo} on the channel ({@code sendfile}). False for TLS: zero copy ends where
     * encryption begins.
     */
    default boolean isPlaintext() {
        return false;
    }

    /**
     * Ends what we send, so the peer can tell a complete stream from a cut one: TLS queues {@code close_notify}
     * (once) and pushes it out; plain TCP has nothing to add before the socket's own FIN. Returns true when
     * everything has left; otherwise call again when the channel is writable. {@link #read} still works after it.
     */
    default boolean shutdownOutput() throws IOException {
        return flush();
    }

    /**
     * True when received bytes wait inside the transport (TLS holds whole records it has read from the socket), where
     * {@code OP_READ} will not announce them: a reader that stopped before {@link #read} returned {@code 0} must come
     * back without waiting for readiness. Always false for plain TCP.
     */
    default boolean hasBufferedInput() {
        return false;
    }

    /**
     * After {@link #read} returned {@code -1}: true when that end is the peer's own. Always for plain TCP, which has
     * nothing better; for TLS only after {@code close_notify}, because a bare TCP end can come from anyone on the
     * path and cut a stream short unnoticed.
     */
    default boolean endedCleanly() {
        return true;
    }

    /** The channel underneath, for registration with a selector and for socket options. */
    SocketChannel channel();

    /** Closes the channel. Idempotent; never throws. */
    @Override
    void close();
}
