package io.wharf.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;

/**
 * One session of a {@code download} run, on its own thread: log in, TYPE I, SIZE, then wait for the common start;
 * then EPSV (or PASV), RETR, and read the data connection to its end into a direct buffer that is cleared, never
 * copied (under FTPS: to the server's close_notify, records decrypted straight into it). The buffer is allocated once
 * per session, so the read loop allocates nothing.
 */
final class DownloadSession implements TransferSession {

    /** What one session measured; {@code error} is null on success. */
    record Result(long bytes, long expectedBytes, long startNs, long endNs, String error) implements TransferResult {
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
            return error == null && (expectedBytes < 0 || bytes == expectedBytes);
        }

        @Override
        public String status() {
            if (error != null) {
                return error;
            }
            return isComplete() ? "ok" : "short: " + bytes + " of " + expectedBytes + " bytes";
        }
    }

    private final FtpTarget target;
    private final String path;
    private final CountDownLatch ready;
    private final CountDownLatch go;
    private final ByteBuffer buffer;
    private volatile FtpControl control;
    private volatile Wire data;
    private volatile Result result;
    private volatile long receivedBytes;         // progress; written by this session's thread only

    /**
     * @param ready counted down once this session is logged in, or has failed before that
     * @param go    released by the coordinator when every session is ready
     */
    DownloadSession(FtpTarget target, String path, CountDownLatch ready, CountDownLatch go, int bufferBytes) {
        this.target = target;
        this.path = path;
        this.ready = ready;
        this.go = go;
        this.buffer = ByteBuffer.allocateDirect(bufferBytes);
    }

    @Override
    public void run() {
        long bytes = 0;
        long expected = -1;
        long startNs = 0;
        boolean isReady = false;
        try (FtpControl c = FtpControl.open(target)) {
            control = c;
            c.expect(c.command("TYPE I"), 200, "TYPE I");
            expected = c.size(path);
            ready.countDown();
            isReady = true;
            go.await();
            startNs = System.nanoTime();
            try (Wire d = c.openPassiveData()) {
                data = d;
                int code = c.command("RETR " + path);
                if (code != 150 && code != 125) {
                    throw new FtpException("RETR " + path, c.lastLine());
                }
                bytes = drain(d);
            }
            int code = c.readReply();
            if (code != 226 && code != 250) {
                throw new FtpException("RETR " + path + " after " + bytes + " bytes", c.lastLine());
            }
            long endNs = System.nanoTime();
            c.quit();
            result = new Result(bytes, expected, startNs, endNs, null);
        } catch (IOException | RuntimeException e) {
            result = failed(bytes, expected, startNs, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = failed(bytes, expected, startNs, "interrupted");
        } finally {
            if (!isReady) {
                ready.countDown();
            }
        }
    }

    private static Result failed(long bytes, long expected, long startNs, String error) {
        long now = System.nanoTime();
        // A session that failed before the start took no transfer time at all.
        return new Result(bytes, expected, startNs == 0 ? now : startNs, now, error);
    }

    /** The hot loop: read, count, clear. */
    private long drain(Wire d) throws IOException {
        long bytes = 0;
        int n;
        while ((n = d.read(buffer)) >= 0) {
            bytes += n;
            receivedBytes = bytes;
            buffer.clear();
        }
        return bytes;
    }

    /** Bytes read from the data connection so far. Any thread. */
    @Override
    public long movedBytes() {
        return receivedBytes;
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
