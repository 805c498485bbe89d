package io.wharf.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * A blocking FTP control connection for the transfer runs, which use one thread per session: a handful of sessions
 * moving bulk data gain nothing from a selector. Not thread-safe, except {@link #abort}, which any thread may call
 * to unblock the owner (its pending read then fails).
 */
final class FtpControl implements AutoCloseable {

    private static final int REPLY_CAPTURE_BYTES = 512;

    private final SocketChannel channel;
    private final InetSocketAddress remote;
    private final ByteBuffer in = ByteBuffer.allocate(4096);      // read mode between calls: unparsed reply bytes
    private final ReplyParser parser = new ReplyParser(REPLY_CAPTURE_BYTES);

    private FtpControl(SocketChannel channel) throws IOException {
        this.channel = channel;
        this.remote = (InetSocketAddress) channel.getRemoteAddress();
        in.flip();
    }

    /** Connects, reads the 220 greeting and logs in with {@code target}'s user and password. */
    static FtpControl open(FtpTarget target) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            // 150 then 226 on a quiet connection would otherwise meet Nagle and delayed ACK (DESIGN.md).
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.connect(target.address());
            FtpControl control = new FtpControl(channel);
            control.expect(control.readReply(), 220, "greeting");
            int code = control.command("USER " + target.user());
            if (code == 331) {
                code = control.command("PASS " + target.password());
            }
            control.expect(code, 230, "login");
            return control;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Sends one command line and returns the code of its (first) reply. */
    int command(String line) throws IOException {
        ByteBuffer out = ByteBuffer.wrap((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        while (out.hasRemaining()) {
            channel.write(out);
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
                throw new IOException("server closed the control connection");
            }
            in.flip();
        }
    }

    /** The last reply line, for messages and for parsing EPSV/PASV. */
    String lastLine() {
        return parser.lastLine();
    }

    /** Throws unless {@code code} is {@code wanted}. */
    void expect(int code, int wanted, String what) throws FtpException {
        if (code != wanted) {
            throw new FtpException(what, lastLine());
        }
    }

    /**
     * Sets up a passive data connection: EPSV (RFC 2428), or PASV when the server does not know EPSV. Either way
     * the data connection goes to the control connection's host; the address in a 227 reply is ignored, as it is
     * wrong behind NAT and a bounce risk otherwise.
     */
    SocketChannel openPassiveData() throws IOException {
        int port;
        if (command("EPSV") == 229) {
            port = PassiveReply.epsvPort(lastLine());
        } else {
            expect(command("PASV"), 227, "PASV");
            port = PassiveReply.pasvPort(lastLine());
        }
        SocketChannel data = SocketChannel.open();
        try {
            data.connect(new InetSocketAddress(remote.getAddress(), port));
            return data;
        } catch (IOException | RuntimeException e) {
            data.close();
            throw e;
        }
    }

    /** Says goodbye; the reply is read but not required, since the run is over either way. */
    void quit() {
        try {
            command("QUIT");
        } catch (IOException ignored) {
            // The transfer already succeeded or failed on its own terms; a lost 221 changes neither.
        }
    }

    /** Any thread: closes the connection so a blocked owner wakes up with an exception. */
    void abort() {
        close();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing is pending on a control connection we are abandoning.
        }
    }
}
