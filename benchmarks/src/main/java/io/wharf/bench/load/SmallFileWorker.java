package io.wharf.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One session of a {@code small-files} run: logged in once, then EPSV (or PASV) + RETR of the same small file, or
 * + STOR of this session's own file, back to back. The latency of one transfer runs from sending EPSV to reading
 * the 226. Commands are pre-encoded, passive replies parsed in place and both buffers allocated once, so a transfer
 * allocates only its socket (under FTPS also its engine: the record buffers are the session's).
 */
final class SmallFileWorker extends TimedWorker {

    private static final int READ_BUFFER_BYTES = 64 * 1024;
    private static final byte[] TYPE_I = FtpControl.line("TYPE I");

    private final FtpTarget target;
    private final String path;
    private final long size;
    private final boolean isUpload;
    private final boolean isPasv;
    private final byte[] transferLine;
    private final ByteBuffer buffer;            // download: read and cleared; upload: the file, sent again and again
    private final FtpControl control = new FtpControl();
    private volatile Wire data;

    /**
     * @param path     the file to RETR, or this session's file to STOR
     * @param isUpload STOR instead of RETR
     * @param isPasv   PASV instead of EPSV
     */
    SmallFileWorker(TimedRun run, FtpTarget target, String path, long size, boolean isUpload, boolean isPasv,
                    long seed) {
        super(run);
        this.target = target;
        this.path = path;
        this.size = size;
        this.isUpload = isUpload;
        this.isPasv = isPasv;
        this.transferLine = FtpControl.line((isUpload ? "STOR " : "RETR ") + path);
        this.buffer = isUpload
                ? RandomUpload.randomBlock((int) Math.min(size, SmallFilesCommand.MAX_BLOCK_BYTES), seed)
                : ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    }

    @Override
    void setUp() throws IOException {
        control.connect(target);
        control.login(target);
        control.expect(control.command(TYPE_I), 200, "TYPE I");
    }

    @Override
    long once() throws IOException {
        long startNs = System.nanoTime();
        long bytes;
        try (Wire d = control.openPassiveData(isPasv)) {
            data = d;
            int code = control.command(transferLine);
            if (code != 150 && code != 125) {
                throw new FtpException(operation() + " " + path, control.lastLine());
            }
            bytes = isUpload ? send(d) : drain(d);
        } finally {
            data = null;
        }
        int code = control.readReply();
        if (code != 226 && code != 250) {
            throw new FtpException(operation() + " " + path + " after " + bytes + " bytes", control.lastLine());
        }
        long latencyNs = System.nanoTime() - startNs;
        if (bytes != size) {
            fail("short transfer", operation() + " " + path + ": " + bytes + " of " + size + " bytes, then 226");
            return -1;
        }
        return latencyNs;
    }

    private long drain(Wire d) throws IOException {
        long bytes = 0;
        int n;
        while ((n = d.read(buffer)) >= 0) {
            bytes += n;
            buffer.clear();
        }
        return bytes;
    }

    private long send(Wire d) throws IOException {
        long sent = 0;
        while (sent < size) {
            buffer.clear();
            if (size - sent < buffer.capacity()) {
                buffer.limit((int) (size - sent));
            }
            while (buffer.hasRemaining()) {
                sent += d.write(buffer);
            }
        }
        d.shutdownOutput();                              // end of file for the server: FTPS close_notify, then FIN
        return sent;
    }

    @Override
    void recover() throws IOException {
        // After a failure the control connection may still owe replies; a fresh one is simpler than resyncing.
        setUp();
    }

    @Override
    void tearDown() {
        control.quit();
        control.close();
    }

    @Override
    void closeChannels() {
        FtpControl.abortSession(control, data);
    }

    @Override
    String operation() {
        return isUpload ? "STOR" : "RETR";
    }
}
