package io.wharf.server.probe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLSocket;

/**
 * One blocking FTP control connection: commands out, replies in, every wait bounded by the probe's timeout. It can
 * be upgraded to TLS once ({@code AUTH TLS}, or at once for implicit FTPS). Owns its sockets; {@link #close()} closes
 * them without a QUIT, which is all a probe needs.
 */
final class ControlChannel implements AutoCloseable {

    private final Socket plain;
    private Socket current;
    private BufferedReader in;
    private OutputStream out;
    private String lastVerb = "the greeting";

    private ControlChannel(Socket plain) throws IOException {
        this.plain = plain;
        use(plain);
    }

    /**
     * Connects; the greeting is left for {@link #read()}.
     *
     * @throws IOException as {@link Socket#connect(java.net.SocketAddress, int)} throws it: refused, timed out
     */
    static ControlChannel connect(InetSocketAddress server, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(server, Math.toIntExact(timeout.toMillis()));
            socket.setSoTimeout(Math.toIntExact(timeout.toMillis()));
            // A reply such as 150 followed by 226 otherwise meets Nagle and delayed ACK (DESIGN.md, control).
            socket.setTcpNoDelay(true);
            return new ControlChannel(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Replaces the transport with TLS layered over the TCP connection, handshake done by the caller. */
    void useTls(SSLSocket tls) throws IOException {
        use(tls);
    }

    private void use(Socket socket) throws IOException {
        current = socket;
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    /** The TCP connection, for TLS to layer over. */
    Socket tcp() {
        return plain;
    }

    /** The TLS socket, or null while the connection is plain. */
    SSLSocket tls() {
        return current instanceof SSLSocket tls ? tls : null;
    }

    /** The server's address as this connection reaches it. */
    InetAddress peerAddress() {
        return plain.getInetAddress();
    }

    /** The server's control port. */
    int peerPort() {
        return plain.getPort();
    }

    /** This end's address: the address active mode names by default. */
    InetAddress localAddress() {
        return plain.getLocalAddress();
    }

    /** What the last reply answered: "the greeting", or the verb of the last command ("LIST"). */
    String lastVerb() {
        return lastVerb;
    }

    /** Sends {@code line} and reads the reply. */
    Reply command(String line) throws IOException {
        int space = line.indexOf(' ');
        lastVerb = space < 0 ? line : line.substring(0, space);
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return read();
    }

    /**
     * Reads one complete reply: a single line, or a multi-line reply through the line that starts with its code and
     * a space (RFC 959 4.2).
     *
     * @throws java.net.SocketTimeoutException if the server says nothing within the timeout
     * @throws IOException if the connection closes or the server does not speak FTP
     */
    Reply read() throws IOException {
        String first = line();
        if (first.length() < 3 || !isCode(first)) {
            throw new IOException("not an FTP reply: \"" + first + "\"");
        }
        int code = Integer.parseInt(first.substring(0, 3));
        if (first.length() < 4 || first.charAt(3) != '-') {
            return new Reply(code, first);
        }
        StringBuilder all = new StringBuilder(first);
        String end = first.substring(0, 3) + " ";
        String next;
        do {
            next = line();
            all.append('\n').append(next);
        } while (!next.startsWith(end));
        return new Reply(code, all.toString());
    }

    private String line() throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new IOException("the server closed the control connection");
        }
        return line;
    }

    private static boolean isCode(String line) {
        return Character.isDigit(line.charAt(0)) && Character.isDigit(line.charAt(1))
                && Character.isDigit(line.charAt(2));
    }

    @Override
    public void close() {
        try {
            current.close();
            plain.close();
        } catch (IOException e) {
            // Closing only releases the sockets; the probe's verdict is already taken.
        }
    }
}
