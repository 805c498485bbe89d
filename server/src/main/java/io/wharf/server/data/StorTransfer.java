package io.wharf.server.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * An upload, atomic: bytes go to a hidden temporary file beside the target, which is renamed into place only when
 * the client has closed the data connection cleanly. A failed or aborted upload never appears under the target's
 * name: its bytes stay as a hidden, resumable partial ({@link UploadFiles}), so a partner's downstream job never
 * sees half a file and the partner can still resume.
 *
 * <p>Reads go into the loop's shared direct buffer and are written to the file before the next read, so no
 * per-upload buffer exists in IMAGE type. ASCII type turns CRLF into LF, holding a trailing CR across reads.
 */
public final class StorTransfer extends Transfer {

    private static final int READS_PER_TURN = 16;

    private final FileChannel file;
    private final Path temporary;
    private final Path target;
    private final TransferType type;
    private final long startOffset;
    private long position;
    private ByteBuffer ascii;
    private boolean pendingCr;

    /**
     * @param working the temporary file, positioned; this transfer owns it, and keeps it as the target's resumable
     *                partial unless the upload completes
     * @param target  where the upload appears on success
     */
    public StorTransfer(String label, UploadFiles.Working working, Path target, TransferType type) {
        super(label);
        this.file = working.file();
        this.temporary = working.temporary();
        this.target = target;
        this.type = type;
        this.position = working.offset();
        this.startOffset = working.offset();
    }

    @Override
    protected void onStart() throws IOException {
        if (type == TransferType.ASCII) {
            ascii = ByteBuffer.allocate(64 * 1024);
        }
        // Read at once: over TLS the first records may have arrived with the handshake and sit in the transport.
        onIo(key);
    }

    /**
     * Reads a turn's worth. Readiness is not checked: besides {@code OP_READ}, this runs on an {@code OP_WRITE} asked
     * for only to come back to TLS input that waits inside the transport, which no read event would announce.
     */
    @Override
    protected void onIo(SelectionKey key) throws IOException {
        ByteBuffer buffer = loop.ioBuffer();
        for (int i = 0; i < READS_PER_TURN; i++) {
            buffer.clear();
            if (type == TransferType.ASCII) {
                buffer.limit(Math.min(buffer.capacity(), ascii.capacity()));   // CRLF to LF never grows
            }
            int n = transport.read(buffer);
            if (n < 0 && !transport.endedCleanly()) {
                // TLS without close_notify: the stream may have been cut by anyone on the path. Keep what came as a
                // resumable partial; never present it under the target's name.
                finish(false, 426, "Upload ended without TLS close_notify, so it may be truncated; the bytes "
                        + "received are kept for REST to resume");
                return;
            }
            if (n < 0) {
                complete();
                return;
            }
            if (n == 0) {
                interest(SelectionKey.OP_READ);
                return;
            }
            buffer.flip();
            if (!store(buffer)) {
                return;
            }
        }
        // Yield to other sessions. A socket is writable nearly always, so OP_WRITE brings us back next pass.
        interest(transport.hasBufferedInput() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    /** Writes the buffer's bytes to the file; false when the disk refused them and the transfer has ended. */
    private boolean store(ByteBuffer buffer) {
        try {
            ByteBuffer out = type == TransferType.ASCII ? toUnixLineEnds(buffer) : buffer;
            while (out.hasRemaining()) {
                position += file.write(out, position);
            }
            bytes = position - startOffset;
            return true;
        } catch (IOException e) {
            failLocally(e);
            return false;
        }
    }

    private ByteBuffer toUnixLineEnds(ByteBuffer in) {
        ascii.clear();
        while (in.hasRemaining()) {
            byte b = in.get();
            if (pendingCr) {
                pendingCr = false;
                if (b != '\n') {
                    ascii.put((byte) '\r');
                }
            }
            if (b == '\r') {
                pendingCr = true;
            } else {
                ascii.put(b);
            }
        }
        return ascii.flip();
    }

    private void complete() {
        try {
            if (pendingCr) {
                pendingCr = false;
                position += file.write(ByteBuffer.wrap(new byte[] {'\r'}), position);
                bytes = position - startOffset;
            }
            file.close();
            moveIntoPlace();
            UploadFiles.dropPartial(target);
        } catch (IOException e) {
            failLocally(e);
            return;
        }
        finish(true, 226, "Transfer complete");
    }

    private void moveIntoPlace() throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // The temporary file sits in the target's own directory, so this only happens on exotic file systems.
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void failLocally(IOException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("No space left") || message.contains("Disk quota")) {
            finish(false, 452, "Insufficient storage space; upload discarded");
        } else {
            finish(false, 451, "Local error writing file: " + describe(e) + "; upload discarded");
        }
    }

    @Override
    protected void release(boolean completed) {
        try {
            file.close();
        } catch (IOException ignored) {
            // Already closed on success; on failure what reached the file is kept or deleted next.
        }
        if (!completed) {
            keepOrDelete();
        }
    }

    /** An interrupted upload that stored something stays resumable; one that stored nothing leaves no trace. */
    private void keepOrDelete() {
        try {
            if (position > 0) {
                UploadFiles.keepAsPartial(temporary, target);
            } else {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // Best effort: the name is hidden and recognisable, so an operator can sweep leftovers.
            }
        }
    }
}
