package io.wharf.bench.load;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * A blocking FTP control connection for the transfer runs, which use one thread per session: a handful of sessions
 * moving bulk data gain nothing from a selector. Not thread-safe, except {@link #abort}, which any thread may call
 * to unblock the owner (its pending read then fails).
 *
 * <p>One instance can serve many connections in turn ({@link #connect}), keeping its buffers, so a loop that logs in
 * over and over allocates only the socket. Commands given as pre-encoded lines ({@link #line}) are sent without
 * allocating.
 */
final class FtpControl implements AutoCloseable {

    /** Longest wait for a TCP connect; a black-holed address otherwise blocks for the kernel's SYN retries. */
    static final int CONNECT_TIMEOUT_MS = 30_000;
    private static final int REPLY_CAPTURE_BYTES = 512;
    private static final int MAX_LINE_BYTES = 4096;
    private static final byte[] EPSV = line("EPSV");
    private static final byte[] PASV = line("PASV");
    private static final byte[] QUIT = line("QUIT");

    private final ByteBuffer in = ByteBuffer.allocateDirect(4096);   // read mode between calls: unparsed bytes
    private final ByteBuffer out = ByteBuffer.allocateDirect(MAX_LINE_BYTES);
    private final ReplyParser parser = new ReplyParser(REPLY_CAPTURE_BYTES);
    private volatile SocketChannel channel;                            // the current connection, for abort()
    private InetAddress remote;

    FtpControl() {
        in.flip();
    }

    /** Connects, reads the 220 greeting and logs in with {@code target}'s user and password. */
    static FtpControl open(FtpTarget target) throws IOException {
        FtpControl control = new FtpControl();
        try {
            control.connect(target.address());
            control.login(target);
            return control;
        } catch (IOException | RuntimeException e) {
            control.close();
            throw e;
        }
    }

    /** {@code command} followed by CRLF, encoded once for {@link #command(byte[])}. */
    static byte[] line(String command) {
        byte[] line = (command + "\r\n").getBytes(StandardCharsets.UTF_8);
        if (line.length > MAX_LINE_BYTES) {
            throw new IllegalArgumentException("command longer than " + MAX_LINE_BYTES + " bytes: " + command);
        }
        return line;
    }

    /**
     * Closes the current connection, if any, and opens a new one to {@code address}; the caller reads the greeting.
     * Connects within {@link #CONNECT_TIMEOUT_MS}.
     */
    void connect(InetSocketAddress address) throws IOException {
        close();
        in.clear().flip();
        parser.reset();
        SocketChannel c = SocketChannel.open();
        channel = c;                                   // published before connecting, so abort() can close it
        // 150 then 226 on a quiet connection would otherwise meet Nagle and delayed ACK (DESIGN.md).
        c.setOption(StandardSocketOptions.TCP_NODELAY, true);
        c.socket().connect(address, CONNECT_TIMEOUT_MS);
        remote = address.getAddress();
    }

    /** Reads the 220 greeting, then USER and PASS; throws unless the server answers 230. */
    void login(FtpTarget target) throws IOException {
        expect(readReply(), 220, "greeting");
        int code = command("USER " + target.user());
        if (code == 331) {
            code = command("PASS " + target.password());
        }
        expect(code, 230, "login");
    }

    /** Sends one command line and returns the code of its (first) reply. Allocates; for set-up, not hot paths. */
    int command(String command) throws IOException {
        return command(line(command));
    }

    /** Sends a line from {@link #line} and returns the code of its (first) reply. Allocates nothing. */
    int command(byte[] line) throws IOException {
        out.clear();
        out.put(line);
        out.flip();
        SocketChannel c = channel;
        while (out.hasRemaining()) {
            c.write(out);
        }
        return readReply();
    }

    /** Reads the next reply and returns its code. */
    int readReply() throws IOException {
        while (true) {
            int code = parser.parse(in);
            if (code == ReplyParser.MALFORMED) {
                throw new IOException("not an FTP reply: " + parser.lastLine());
            }
            if (code != ReplyParser.NEED_MORE) {
                return code;
            }
            in.clear();
            if (channel.read(in) < 0) {
                throw new EOFException("server closed the control connection");
            }
            in.flip();
        }
    }

    /** The last reply line, for messages. Allocates. */
    String lastLine() {
        return parser.lastLine();
    }

    /** Throws unless {@code code} is {@code wanted}. */
    void expect(int code, int wanted, String what) throws FtpException {
        if (code != wanted) {
            throw new FtpException(what, lastLine());
        }
    }

    /** SIZE (RFC 3659 4): the file's size in bytes, or -1 when the server does not say. */
    long size(String path) throws IOException {
        if (command("SIZE " + path) != 213) {
            return -1;
        }
        String line = lastLine();                       // "213 1073741824"
        try {
            return Long.parseLong(line.substring(4).trim());
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** {@link #openPassiveData(boolean) openPassiveData(false)}: EPSV first. */
    SocketChannel openPassiveData() throws IOException {
        return openPassiveData(false);
    }

    /**
     * Sets up a passive data connection: EPSV (RFC 2428), or PASV when {@code isPasv} or when the server does not
     * know EPSV. Either way the data connection goes to the control connection's host; the address in a 227 reply
     * is ignored, as it is wrong behind NAT and a bounce risk otherwise. The reply is parsed in place.
     */
    SocketChannel openPassiveData(boolean isPasv) throws IOException {
        int port;
        if (!isPasv && command(EPSV) == 229) {
            port = PassiveReply.epsvPort(parser.lastLineChars());
        } else {
            expect(command(PASV), 227, "PASV");
            port = PassiveReply.pasvPort(parser.lastLineChars());
        }
        SocketChannel data = SocketChannel.open();
        try {
            data.connect(new InetSocketAddress(remote, port));
            return data;
        } catch (IOException | RuntimeException e) {
            data.close();
            throw e;
        }
    }

    /** Says goodbye; the reply is read but not required, since the run is over either way. */
    void quit() {
        if (channel == null) {
            return;                                     // never connected
        }
        try {
            command(QUIT);
        } catch (IOException ignored) {
            // The transfer already succeeded or failed on its own terms; a lost 221 changes neither.
        }
    }

    /**
     * Sends QUIT, requires 221, and reads until the server closes, so the server, not this client, is the side
     * that closes first and keeps the TIME_WAIT: a client that connects in a loop would otherwise run out of local
     * ports to one server address within a minute (RFC 793 3.5).
     */
    void quitAndAwaitClose() throws IOException {
        expect(command(QUIT), 221, "QUIT");
        SocketChannel c = channel;
        in.clear();
        while (c.read(in) >= 0) {
            in.clear();
        }
        in.flip();
    }

    /** Any thread: closes the connection so a blocked owner wakes up with an exception. */
    void abort() {
        close();
    }

    /**
     * Any thread: closes a session's data connection and then its control connection (either may be null), so a
     * session stuck in a read or write ends now, with an error.
     */
    static void abortSession(FtpControl control, SocketChannel data) {
        if (data != null) {
            try {
                data.close();
            } catch (IOException ignored) {
                // Aborting: whatever was in flight is being thrown away on purpose.
            }
        }
        if (control != null) {
            control.abort();
        }
    }

    @Override
    public void close() {
        SocketChannel c = channel;
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException ignored) {
            // Nothing is pending on a control connection we are abandoning.
        }
    }
}
