package io.wharf.server.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * How many bytes a TYPE A download of a file puts on the wire: its length plus one CR for every LF not already
 * preceded by a CR, the same rule {@link RetrTransfer} applies. Reads the whole file, so it runs off the loop.
 */
public final class AsciiLength {

    private AsciiLength() {
    }

    /** The ASCII transfer size of {@code file}. Blocking; call from a worker. */
    public static long of(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            long length = 0;
            long added = 0;
            boolean previousWasCr = false;
            while (channel.read(buffer.clear()) > 0) {
                buffer.flip();
                length += buffer.remaining();
                while (buffer.hasRemaining()) {
                    byte b = buffer.get();
                    if (b == '\n' && !previousWasCr) {
                        added++;
                    }
                    previousWasCr = b == '\r';
                }
            }
            return length + added;
        }
    }
}
