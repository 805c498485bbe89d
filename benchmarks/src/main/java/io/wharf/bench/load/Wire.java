package io.wharf.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One blocking TCP connection to the server as the FTP code sees it: plain bytes ({@link PlainWire}) or TLS records
 * ({@link TlsWire}), so sessions move data with one loop whatever the target's scheme.
 *
 * <p>Threading: one owner thread calls everything except {@link #abort}, which any thread may call to end a blocked
 * {@code read} or {@code write} with an exception.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #read} blocks until it has placed at least one byte in {@code dst} and returns how many, or returns
 *       {@code -1} at the end of the stream (TLS: the server's {@code close_notify}, or a TCP end without one). It
 *       returns {@code 0} only when {@code dst} has no room.</li>
 *   <li>{@link #write} blocks until the socket has taken bytes of {@code src} and returns how many; TLS takes all
 *       of them. Callers loop while {@code src} has bytes left.</li>
 *   <li>{@link #shutdownOutput} ends what this side sends so the server can tell a whole upload from a cut one:
 *       TLS {@code close_notify}, then TCP FIN. Reading still works.</li>
 *   <li>{@link #close} is idempotent and never throws; the wire owns its socket.</li>
 * </ul>
 */
interface Wire extends AutoCloseable {

    /** Reads at least one byte into {@code dst}, blocking; {@code -1} at the end of the stream. */
    int read(ByteBuffer dst) throws IOException;

    /** Writes bytes of {@code src}, blocking until the socket takes some; returns how many. */
    int write(ByteBuffer src) throws IOException;

    /** Ends this side's stream (TLS {@code close_notify}, then FIN); the server's side stays readable. */
    void shutdownOutput() throws IOException;

    /** Owner thread: closes the connection (TLS: after a best-effort {@code close_notify}). Idempotent. */
    @Override
    void close();

    /** Any thread: closes the socket at once, so a blocked read or write fails now. Idempotent. */
    void abort();
}
