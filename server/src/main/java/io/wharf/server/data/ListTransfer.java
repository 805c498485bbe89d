package io.wharf.server.data;

import io.wharf.server.vfs.DirectoryListing;
import io.wharf.server.vfs.ListingFormatter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;

/**
 * A directory listing ({@code LIST} or {@code NLST}) streamed as the data socket accepts it: one buffer of lines is
 * formatted, written, and only then the next, so a directory of any size costs one buffer, and each writable event
 * formats at most a buffer's worth before other sessions on the loop get their turn.
 */
public final class ListTransfer extends Transfer {

    private static final int BUFFER_BYTES = 32 * 1024;
    private static final int BUFFERS_PER_TURN = 4;

    private final DirectoryListing listing;
    private final ListingFormatter formatter;
    private final ListingFormatter.Style style;
    private final ByteBuffer out = ByteBuffer.allocate(BUFFER_BYTES).flip();
    private boolean exhausted;

    /**
     * @param listing the entries; this transfer owns and closes it
     * @param style   LIST's {@code ls -l} lines, NLST's names or MLSD's facts
     */
    public ListTransfer(String label, DirectoryListing listing, ListingFormatter formatter,
                        ListingFormatter.Style style) {
        super(label);
        this.listing = listing;
        this.formatter = formatter;
        this.style = style;
    }

    @Override
    protected void onStart() throws IOException {
        send();
    }

    @Override
    protected void onIo(SelectionKey key) throws IOException {
        if (key.isWritable()) {
            send();
        }
    }

    private void send() throws IOException {
        for (int buffers = 0; ; buffers++) {
            if (out.hasRemaining()) {
                transport.write(out);
                if (out.hasRemaining() || buffers >= BUFFERS_PER_TURN) {
                    interest(SelectionKey.OP_WRITE);   // yield: a huge directory must not starve the loop
                    return;
                }
            }
            if (exhausted) {
                completeSending();
                return;
            }
            fill();
        }
    }

    private void fill() {
        out.clear();
        while (out.remaining() >= ListingFormatter.MAX_LINE_BYTES) {
            if (!listing.next()) {
                exhausted = true;
                break;
            }
            formatter.append(style, listing.name(), listing.attributes(), out);
        }
        bytes += out.position();
        out.flip();
    }

    @Override
    protected void release(boolean completed) {
        listing.close();
    }
}
