package io.wharf.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * {@code --create}: STORs a file of pseudo-random bytes, generated chunk by chunk into one direct buffer, so a
 * multi-GiB file never sits in memory. The bytes come from xorshift64* (Vigna 2016): statistically good enough that
 * nothing on the path can compress them, and cheap enough (a few GB/s) not to limit the upload.
 */
final class RandomUpload {

    private static final int CHUNK_BYTES = 1 << 20;

    /** What the upload did. */
    record Result(long bytes, double seconds) {
        double mibPerSecond() {
            return bytes / ByteSize.MIB / seconds;
        }
    }

    private final ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK_BYTES);
    private long state;

    RandomUpload(long seed) {
        this.state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;   // xorshift must not start at 0
    }

    /** Uploads {@code size} bytes as {@code path}; returns once the server has confirmed with 226. */
    Result upload(FtpTarget target, String path, long size) throws IOException {
        try (FtpControl control = FtpControl.open(target)) {
            control.expect(control.command("TYPE I"), 200, "TYPE I");
            long startNs = System.nanoTime();
            try (Wire data = control.openPassiveData()) {
                int code = control.command("STOR " + path);
                if (code != 150 && code != 125) {
                    throw new FtpException("STOR " + path, control.lastLine());
                }
                send(data, size);
                data.shutdownOutput();                 // end of file for the server: FTPS close_notify, then FIN
            }
            int code = control.readReply();
            if (code != 226 && code != 250) {
                throw new FtpException("STOR " + path, control.lastLine());
            }
            double seconds = (System.nanoTime() - startNs) / 1e9;
            control.quit();
            return new Result(size, seconds);
        }
    }

    private void send(Wire data, long size) throws IOException {
        long left = size;
        while (left > 0) {
            fill((int) Math.min(left, CHUNK_BYTES));
            while (chunk.hasRemaining()) {
                left -= data.write(chunk);
            }
        }
    }

    private void fill(int bytes) {
        chunk.clear();
        state = fill(chunk, bytes, state);
        chunk.flip();
    }

    /**
     * A direct buffer of {@code bytes} pseudo-random bytes, ready to be sent again and again ({@code clear()} before
     * each send): the upload runs stream the same block rather than generating bytes on the hot path. The block
     * itself is incompressible; only a store that deduplicates (ZFS with dedup on) would notice the repeats.
     */
    static ByteBuffer randomBlock(int bytes, long seed) {
        ByteBuffer block = ByteBuffer.allocateDirect(bytes);
        fill(block, bytes, seed == 0 ? 0x9E3779B97F4A7C15L : seed);
        return block.flip();
    }

    /** Puts {@code bytes} bytes of xorshift64* output from {@code state} into {@code buffer}; returns the new state. */
    private static long fill(ByteBuffer buffer, int bytes, long state) {
        int end = buffer.position() + bytes;
        long x = state;
        while (buffer.position() + Long.BYTES <= end) {
            x ^= x >>> 12;
            x ^= x << 25;
            x ^= x >>> 27;
            buffer.putLong(x * 0x2545F4914F6CDD1DL);
        }
        while (buffer.position() < end) {
            x ^= x >>> 12;
            x ^= x << 25;
            x ^= x >>> 27;
            buffer.put((byte) (x * 0x2545F4914F6CDD1DL));
        }
        return x;
    }
}
