package io.wharf.bench.load;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;

/**
 * A blocking FTP control connection for the transfer runs, which use one thread per session: a handful of sessions
 * moving bulk data gain nothing from a selector. Not thread-safe, except {@link #abort}, which any thread may call
 * to unblock the owner (its pending read then fails).
 *
 * <p>One instance can serve many connections in turn ({@link #connect}), keeping its buffers, so a loop that logs in
 * over and over allocates only the connection's own objects (the socket; under TLS the context and engine too).
 * Commands given as pre-encoded lines ({@link #line}) are sent without allocating.
 *
 * <p>FTPS (RFC 4217): explicit targets switch to TLS after the greeting ({@link #secure}), implicit ones right after
 * the TCP connect; {@link #protectData} then makes every data connection TLS as well, resuming this connection's
 * session (see {@link ClientTls}).
 */
final class FtpControl implements AutoCloseable {

    /** Longest wait for a TCP connect; a black-holed address otherwise blocks for the kernel's SYN retries. */
    static final int CONNECT_TIMEOUT_MS = 30_000;
    private static final int REPLY_CAPTURE_BYTES = 512;
    private static final int MAX_LINE_BYTES = 4096;
    /** TLS records per socket call on data connections, so a bulk transfer moves 64 KiB per system call. */
    private static final int DATA_RECORDS = 4;
    private static final byte[] EPSV = line("EPSV");
    private static final byte[] PASV = line("PASV");
    private static final byte[] QUIT = line("QUIT");
    private static final byte[] AUTH_TLS = line("AUTH TLS");
    private static final byte[] PBSZ_0 = line("PBSZ 0");
    private static final byte[] PROT_P = line("PROT P");

    private final ByteBuffer in = ByteBuffer.allocateDirect(4096);   // read mode between calls: unparsed bytes
    private final ByteBuffer out = ByteBuffer.allocateDirect(MAX_LINE_BYTES);
    private final ReplyParser parser = new ReplyParser(REPLY_CAPTURE_BYTES);
    private volatile SocketChannel channel;                            // the current connection, for abort()
    private Wire wire;                                                 // the same, plain or TLS
    private FtpTarget target;
    private InetAddress remote;
    private SSLContext tlsContext;                                     // the current connection's; see ClientTls
    private WireBuffers controlBuffers;                                // kept across connections, made on first TLS
    private WireBuffers dataBuffers;

    FtpControl() {
        in.flip();
    }

    /** Connects, reads the 220 greeting and logs in with {@code target}'s user and password. */
    static FtpControl open(FtpTarget target) throws IOException {
        FtpControl control = new FtpControl();
        try {
            control.connect(target);
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
     * Closes the current connection, if any, and opens a new one to {@code target}; the caller reads the greeting.
     * Connects within {@link #CONNECT_TIMEOUT_MS}. Implicit FTPS handshakes here.
     */
    void connect(FtpTarget target) throws IOException {
        close();
        in.clear().flip();
        parser.reset();
        this.target = target;
        InetSocketAddress address = target.address();
        SocketChannel c = SocketChannel.open();
        channel = c;                                   // published before connecting, so abort() can close it
        wire = new PlainWire(c);
        // 150 then 226 on a quiet connection would otherwise meet Nagle and delayed ACK (DESIGN.md).
        c.setOption(StandardSocketOptions.TCP_NODELAY, true);
        c.socket().connect(address, CONNECT_TIMEOUT_MS);
        remote = address.getAddress();
        if (target.tls() != null && target.tls().isImplicit()) {
            startTls();
        }
    }

    /** Explicit FTPS: {@code AUTH TLS}, which must be answered 234, then the handshake. Nothing otherwise. */
    void secure() throws IOException {
        if (target.tls() != null && !target.tls().isImplicit()) {
            expect(command(AUTH_TLS), 234, "AUTH TLS");
            if (in.hasRemaining()) {
                // RFC 4217 4: the client starts the handshake; anything the server sends first is not TLS.
                throw new IOException("server sent " + in.remaining() + " bytes after its 234, before the handshake");
            }
            startTls();
        }
    }

    /** FTPS: {@code PBSZ 0} and {@code PROT P}, each answered 200, so data connections are TLS. Nothing otherwise. */
    void protectData() throws IOException {
        if (target.tls() != null) {
            expect(command(PBSZ_0), 200, "PBSZ 0");
            expect(command(PROT_P), 200, "PROT P");
        }
    }

    private void startTls() throws IOException {
        ClientTls tls = target.tls();
        if (controlBuffers == null) {
            controlBuffers = new WireBuffers(1);
        }
        tlsContext = tls.newContext();
        TlsWire secured = new TlsWire(channel, tls.engine(tlsContext, target.address()), controlBuffers);
        wire = secured;
        secured.handshake();
        tls.observe(secured.session());
    }

    /**
     * Reads the 220 greeting, secures the connection for FTPS, then USER and PASS; throws unless the server answers
     * 230. FTPS then protects the data connections.
     */
    void login(FtpTarget target) throws IOException {
        authenticate(target.userLine(), target.passLine());
        protectData();
    }

    /**
     * The greeting, AUTH TLS for explicit FTPS, then the pre-encoded USER and PASS lines ({@link FtpTarget#userLine});
     * throws unless the server answers 230. Allocates nothing, for loops that log in again and again; data
     * protection ({@link #protectData}) is the caller's.
     */
    void authenticate(byte[] userLine, byte[] passLine) throws IOException {
        expect(readReply(), 220, "greeting");
        secure();
        int code = command(userLine);
        if (code == 331) {
            code = command(passLine);
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
        while (out.hasRemaining()) {
            wire.write(out);
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
            if (wire.read(in) < 0) {
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
    Wire openPassiveData() throws IOException {
        return openPassiveData(false);
    }

    /**
     * Sets up a passive data connection: EPSV (RFC 2428), or PASV when {@code isPasv} or when the server does not
     * know EPSV. Either way the data connection goes to the control connection's host; the address in a 227 reply
     * is ignored, as it is wrong behind NAT and a bounce risk otherwise. The reply is parsed in place.
     *
     * <p>Under FTPS the wire handshakes on its first use, after the transfer command's 150, resuming this control
     * connection's session: the engine comes from the same context, for the control connection's host and port.
     * Its record buffers are this session's, lent to one data connection at a time.
     */
    Wire openPassiveData(boolean isPasv) throws IOException {
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
            ClientTls tls = target.tls();
            if (tls == null) {
                return new PlainWire(data);
            }
            // An upload's close_notify is a small write right behind the last record: Nagle would hold it back
            // until the server's delayed ACK of that record, adding milliseconds to every small TLS upload.
            data.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (dataBuffers == null) {
                dataBuffers = new WireBuffers(DATA_RECORDS);
            }
            return new TlsWire(data, tls.engine(tlsContext, target.address()), dataBuffers);
        } catch (IOException | RuntimeException e) {
            data.close();
            throw e;
        }
    }

    /** Says goodbye; the reply is read but not required, since the run is over either way. */
    void quit() {
        if (wire == null) {
            return;                                     // never connected, or closed already
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
        in.clear();
        while (wire.read(in) >= 0) {
            in.clear();
        }
        in.flip();
    }

    /**
     * Any thread: closes a session's data connection and then its control connection (either may be null), so a
     * session stuck in a read or write ends now, with an error.
     */
    static void abortSession(FtpControl control, Wire data) {
        if (data != null) {
            data.abort();                  // aborting: whatever was in flight is being thrown away on purpose
        }
        if (control != null) {
            control.abort();
        }
    }

    /** Closes the current connection (TLS: after a best-effort {@code close_notify}); the owner's thread only. */
    @Override
    public void close() {
        Wire w = wire;
        if (w != null) {
            wire = null;
            w.close();
        }
    }

    /** Any thread: closes the current connection's socket, without touching TLS state. */
    void abort() {
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
