package io.wharf.server.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;

/**
 * A download. In IMAGE type over a plaintext connection it is {@link FileChannel#transferTo} straight to the
 * non-blocking socket ({@code sendfile} on Linux), resumed on {@code OP_WRITE} after a short write. Otherwise bytes go
 * through buffers: in ASCII type so LF becomes CRLF on the wire (RFC 959 3.1.1.1), over TLS because they must be
 * encrypted.
 *
 * <p>The size is fixed when the file is opened: a file that grows meanwhile is sent as it was; one that shrinks ends
 * the transfer with {@code 451} rather than spinning on a {@code transferTo} that returns 0 forever.
 */
public final class RetrTransfer extends Transfer {

    /** Bytes sent per readiness event before yielding the loop to other sessions. */
    private static final long BYTES_PER_TURN = 4L << 20;
    /** File bytes per read: four TLS records, so the transport sends them with one write. */
    private static final int CHUNK = 64 * 1024;

    private final FileChannel file;
    private final TransferType type;
    private final long end;
    private long position;
    private ByteBuffer raw;
    private ByteBuffer wire;
    private boolean previousWasCr;

    /**
     * @param file   opened for reading; this transfer owns and closes it
     * @param offset where to start (0, or a REST offset)
     * @param size   the file's size when opened
     */
    public RetrTransfer(String label, FileChannel file, long offset, long size, TransferType type) {
        super(label);
        this.file = file;
        this.type = type;
        this.position = offset;
        this.end = size;
    }

    @Override
    protected void onStart() throws IOException {
        if (isZeroCopy()) {
            sendImage();
        } else if (type == TransferType.IMAGE) {
            wire = ByteBuffer.allocate(CHUNK).flip();            // the file is read straight into it
            sendBuffered();
        } else {
            raw = ByteBuffer.allocate(CHUNK);
            wire = ByteBuffer.allocate(CHUNK * 2).flip();        // worst case in ASCII: every byte an LF
            sendBuffered();
        }
    }

    @Override
    protected void onIo(SelectionKey key) throws IOException {
        if (key.isWritable()) {
            if (isZeroCopy()) {
                sendImage();
            } else {
                sendBuffered();
            }
        }
    }

    private boolean isZeroCopy() {
        return type == TransferType.IMAGE && transport.isPlaintext();
    }

    private void sendImage() throws IOException {
        long budget = BYTES_PER_TURN;
        while (position < end) {
            long sent = file.transferTo(position, Math.min(end - position, budget), transport.channel());
            if (sent == 0) {
                if (file.size() <= position) {
                    finish(false, 451, "File shrank during transfer; aborted");
                    return;
                }
                interest(SelectionKey.OP_WRITE);      // socket buffer full: resume when writable
                return;
            }
            position += sent;
            bytes += sent;
            budget -= sent;
            if (budget <= 0 && position < end) {
                interest(SelectionKey.OP_WRITE);      // still writable, so this fires again after other keys
                return;
            }
        }
        completeSending();
    }

    private void sendBuffered() throws IOException {
        long budget = BYTES_PER_TURN;
        while (true) {
            if (wire.hasRemaining()) {
                transport.write(wire);
                if (wire.hasRemaining() || budget <= 0) {
                    interest(SelectionKey.OP_WRITE);
                    return;
                }
            }
            if (position >= end) {
                completeSending();                            // TLS: flushes the last records, then close_notify
                return;
            }
            budget -= fill();
        }
    }

    /** Reads the next chunk of the file into {@code wire} (LF to CRLF in ASCII); returns the file bytes consumed. */
    private int fill() throws IOException {
        ByteBuffer target = type == TransferType.IMAGE ? wire : raw;
        target.clear().limit((int) Math.min(CHUNK, end - position));
        int n = file.read(target, position);
        if (n <= 0) {
            position = end;                               // shrank under us: send what we have, then stop
            wire.clear().flip();
            return 0;
        }
        position += n;
        bytes += n;
        if (type == TransferType.IMAGE) {
            wire.flip();
            return n;
        }
        raw.flip();
        wire.clear();
        while (raw.hasRemaining()) {
            byte b = raw.get();
            if (b == '\n' && !previousWasCr) {
                wire.put((byte) '\r');
            }
            wire.put(b);
            previousWasCr = b == '\r';
        }
        wire.flip();
        return n;
    }

    @Override
    protected void release(boolean completed) {
        try {
            file.close();
        } catch (IOException ignored) {
            // Read-only file: nothing buffered that a failed close could lose.
        }
    }
}
