package io.wharf.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;

/**
 * One session of an {@code upload} run, on its own thread: log in, TYPE I, then wait for the common start; then
 * EPSV (or PASV), STOR to this session's own name, and stream {@code size} bytes from one pseudo-random block that
 * is sent again and again (nothing is read from or written to local disk, nothing allocated per write); then the
 * 226. Off the clock afterwards: SIZE to check what arrived, and DELE unless the files are kept.
 */
final class UploadSession implements TransferSession {

    /**
     * What one session measured; {@code error} is null on success.
     *
     * @param storedBytes what SIZE reported after the 226, -1 if unknown
     * @param isDeleted   whether DELE removed the file again
     */
    record Result(String path, long bytes, long expectedBytes, long storedBytes, boolean isDeleted, long startNs,
                  long endNs, String error) implements TransferResult {
        @Override
        public double seconds() {
            return (endNs - startNs) / 1e9;
        }

        @Override
        public double mibPerSecond() {
            return bytes / ByteSize.MIB / seconds();
        }

        @Override
        public boolean isComplete() {
            return error == null && bytes == expectedBytes && storedBytes == expectedBytes;
        }

        @Override
        public String status() {
            if (error != null) {
                return error;
            }
            if (bytes != expectedBytes) {
                return "short: sent " + bytes + " of " + expectedBytes + " bytes";
            }
            if (storedBytes != expectedBytes) {
                return "server has " + (storedBytes < 0 ? "no SIZE" : storedBytes + " bytes") + " for " + path;
            }
            return "ok";
        }
    }

    private final FtpTarget target;
    private final String path;
    private final long size;
    private final boolean isKept;
    private final CountDownLatch ready;
    private final CountDownLatch go;
    private final CountDownLatch transferred;
    private final ByteBuffer block;
    private volatile FtpControl control;
    private volatile Wire data;
    private volatile long sentBytes;             // progress; written by this session's thread only
    private volatile Result result;

    /**
     * @param ready       counted down once this session is logged in, or has failed before that
     * @param go          released by the coordinator when every session is ready
     * @param transferred counted down once the transfer has ended (226, failure, or no start at all), before SIZE
     * @param block       the bytes to send, repeated; this session's own, its position and limit are changed
     */
    UploadSession(FtpTarget target, String path, long size, boolean isKept, CountDownLatch ready, CountDownLatch go,
                  CountDownLatch transferred, ByteBuffer block) {
        this.target = target;
        this.path = path;
        this.size = size;
        this.isKept = isKept;
        this.ready = ready;
        this.go = go;
        this.transferred = transferred;
        this.block = block;
    }

    @Override
    public void run() {
        long startNs = 0;
        long endNs = 0;
        long stored = -1;
        boolean isReady = false;
        boolean isStored = false;
        boolean isDeleted = false;
        String error = null;
        try (FtpControl c = FtpControl.open(target)) {
            control = c;
            c.expect(c.command("TYPE I"), 200, "TYPE I");
            ready.countDown();
            isReady = true;
            go.await();
            startNs = System.nanoTime();
            store(c);
            endNs = System.nanoTime();
            transferred.countDown();
            isStored = true;
            stored = c.size(path);
            if (!isKept) {
                c.expect(c.command("DELE " + path), 250, "DELE " + path);
                isDeleted = true;
            }
            c.quit();
        } catch (IOException | RuntimeException e) {
            error = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } finally {
            if (!isReady) {
                ready.countDown();
            }
            if (!isStored) {
                transferred.countDown();
            }
        }
        long now = System.nanoTime();
        // A session that failed before the start took no transfer time at all.
        startNs = startNs == 0 ? now : startNs;
        result = new Result(path, sentBytes, size, stored, isDeleted, startNs, endNs == 0 ? now : endNs, error);
    }

    private void store(FtpControl c) throws IOException {
        try (Wire d = c.openPassiveData()) {
            data = d;
            int code = c.command("STOR " + path);
            if (code != 150 && code != 125) {
                throw new FtpException("STOR " + path, c.lastLine());
            }
            send(d);
            d.shutdownOutput();                     // end of file for the server: FTPS close_notify, then FIN
        }
        int code = c.readReply();
        if (code != 226 && code != 250) {
            throw new FtpException("STOR " + path + " after " + sentBytes + " bytes", c.lastLine());
        }
    }

    /** The hot loop: rewind the block, write it, count. */
    private void send(Wire d) throws IOException {
        long sent = 0;
        int capacity = block.capacity();
        while (sent < size) {
            block.clear();
            if (size - sent < capacity) {
                block.limit((int) (size - sent));
            }
            while (block.hasRemaining()) {
                sent += d.write(block);
            }
            sentBytes = sent;
        }
    }

    /** Bytes written to the data connection so far. Any thread. */
    @Override
    public long movedBytes() {
        return sentBytes;
    }

    /** The outcome; valid after the session's thread has ended. */
    Result result() {
        return result;
    }

    /** Any thread: closes both connections so a stuck session ends (with an error) now. */
    @Override
    public void abort() {
        FtpControl.abortSession(control, data);
    }
}
