package io.wharf.bench.load;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLSession;

/**
 * The record buffers of a {@link TlsWire}, kept by the FTP session and lent to one wire at a time: a session that
 * opens a TLS data connection per file then allocates only the socket and the engine per file, not 50 KiB of
 * buffers. Heap buffers, because the JDK's AES-GCM works on arrays; the socket copy that costs is small beside the
 * cipher.
 *
 * <p>Not thread-safe: the wire that borrowed them is confined to its session's thread.
 */
final class WireBuffers {

    private final int records;
    /** Read mode: records received and not yet unwrapped. */
    ByteBuffer netIn = ByteBuffer.allocate(0);
    /** Fill mode: records wrapped and not yet sent. */
    ByteBuffer netOut = ByteBuffer.allocate(0);
    /** Read mode: plaintext unwrapped and not yet read. */
    ByteBuffer appIn = ByteBuffer.allocate(0);

    /**
     * @param records how many TLS records {@code netIn} and {@code netOut} hold: 1 for a control connection, a few
     *                for bulk data, so one socket call moves several records
     */
    WireBuffers(int records) {
        this.records = records;
    }

    /** Empties every buffer for a new connection, growing them to what {@code session} (not yet handshaken) needs. */
    void reset(SSLSession session) {
        int packet = session.getPacketBufferSize();
        if (netIn.capacity() < packet * records) {
            netIn = ByteBuffer.allocate(packet * records);
            netOut = ByteBuffer.allocate(packet * records);
        }
        if (appIn.capacity() < session.getApplicationBufferSize()) {
            appIn = ByteBuffer.allocate(session.getApplicationBufferSize());
        }
        netIn.clear().flip();
        netOut.clear();
        appIn.clear().flip();
    }

    /** Makes {@code netIn} (read mode) able to hold {@code capacity} bytes, keeping what it holds. */
    void growNetIn(int capacity) {
        netIn = ByteBuffer.allocate(capacity).put(netIn).flip();
    }

    /** Makes {@code netOut} (fill mode) able to hold {@code capacity} bytes, keeping what it holds. */
    void growNetOut(int capacity) {
        netOut = ByteBuffer.allocate(capacity).put(netOut.flip());
    }

    /** Makes {@code appIn} (fill mode, as during an unwrap) able to hold {@code capacity} bytes, keeping its bytes. */
    void growAppIn(int capacity) {
        appIn = ByteBuffer.allocate(capacity).put(appIn.flip());
    }
}
