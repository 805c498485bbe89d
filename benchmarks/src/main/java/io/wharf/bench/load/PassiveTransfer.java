package io.wharf.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Transfers over passive data connections of one {@link FtpControl}, for the {@code mixed} run and the files it
 * prepares: EPSV (or PASV), the transfer command, the bytes, the 226. Downloads read into one direct buffer that is
 * cleared and never copied; uploads send one block over and over; so a plain transfer allocates only its socket. Timing
 * is the caller's. Not thread-safe, except {@link #abort}.
 *
 * <p>Every data connection is opened in {@link #open}; under PROT P it is a TLS {@link Wire}.
 */
final class PassiveTransfer {

    private static final int READ_BUFFER_BYTES = 64 * 1024;

    private final FtpControl control;
    private final boolean isPasv;
    private final ByteBuffer in = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    private volatile Wire data;               // the transfer in flight, for abort()
    private long lines;

    /** @param isPasv PASV instead of EPSV */
    PassiveTransfer(FtpControl control, boolean isPasv) {
        this.control = control;
        this.isPasv = isPasv;
    }

    /**
     * Sends {@code commandLine} (RETR, LIST, MLSD) and reads the data connection until the server closes it, then
     * requires 226 (or 250). Returns the bytes read; with {@code isCountingLines}, {@link #lines} then says how many
     * line feeds they held.
     *
     * @param what the command as text, for failure messages only
     */
    long download(byte[] commandLine, String what, boolean isCountingLines) throws IOException {
        long bytes = 0;
        long lf = 0;
        try (Wire d = open(commandLine, what)) {
            int n;
            while ((n = d.read(in)) >= 0) {
                bytes += n;
                if (isCountingLines) {
                    for (int i = 0; i < n; i++) {
                        lf += in.get(i) == '\n' ? 1 : 0;
                    }
                }
                in.clear();
            }
        } finally {
            data = null;
        }
        lines = lf;
        finish(what, bytes);
        return bytes;
    }

    /**
     * Sends {@code commandLine} (STOR) and then {@code size} bytes: {@code block} from its start, as often as it
     * takes, the last time cut short; then ends the data connection and requires 226 (or 250). Returns the bytes
     * sent. {@code block} must hold at least one byte when {@code size} is above 0; its position and limit change.
     */
    long upload(byte[] commandLine, String what, ByteBuffer block, long size) throws IOException {
        long sent = 0;
        try (Wire d = open(commandLine, what)) {
            while (sent < size) {
                block.clear();
                if (size - sent < block.capacity()) {
                    block.limit((int) (size - sent));
                }
                while (block.hasRemaining()) {
                    sent += d.write(block);
                }
            }
            d.shutdownOutput();                          // end of file for the server (stream mode)
        } finally {
            data = null;
        }
        finish(what, sent);
        return sent;
    }

    /** Line feeds in the last download that counted them. */
    long lines() {
        return lines;
    }

    /** Any thread: closes the data connection in flight and the control connection, so the owner fails now. */
    void abort() {
        FtpControl.abortSession(control, data);
    }

    /** A connected data channel whose transfer the server has started (150), or an exception and nothing open. */
    private Wire open(byte[] commandLine, String what) throws IOException {
        Wire d = control.openPassiveData(isPasv);
        data = d;
        try {
            int code = control.command(commandLine);
            if (code != 150 && code != 125) {
                throw new FtpException(what, control.lastLine());
            }
            return d;
        } catch (IOException | RuntimeException e) {
            data = null;
            d.close();
            throw e;
        }
    }

    private void finish(String what, long bytes) throws IOException {
        int code = control.readReply();
        if (code != 226 && code != 250) {
            throw new FtpException(what + " after " + bytes + " bytes", control.lastLine());
        }
    }
}
