package io.wharf.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A bare FTP client over one socket, for protocol-level tests where a full client would hide the bytes. */
public final class RawFtp implements AutoCloseable {

    private static final Pattern EPSV = Pattern.compile("\\(\\|\\|\\|(\\d+)\\|\\)");
    private static final Pattern PASV = Pattern.compile("\\((\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\)");

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    private final String host;

    /** Connects to 127.0.0.1 and reads the greeting. */
    public RawFtp(int port) throws IOException {
        this("127.0.0.1", port);
    }

    /** Connects to {@code host} (a loopback literal) and reads the greeting. */
    public RawFtp(String host, int port) throws IOException {
        this.host = host;
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 10_000);
        socket.setSoTimeout(30_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
        String greeting = reply();
        assertTrue(greeting.startsWith("220"), greeting);
    }

    /** Connects to 127.0.0.1 and logs in as the test user. */
    public static RawFtp loggedIn(int port) throws IOException {
        return loggedIn("127.0.0.1", port);
    }

    /** Connects to {@code host} and logs in as the test user. */
    public static RawFtp loggedIn(String host, int port) throws IOException {
        RawFtp ftp = new RawFtp(host, port);
        ftp.expect("USER " + WharfServerExtension.USER, 331);
        ftp.expect("PASS " + WharfServerExtension.PASSWORD, 230);
        return ftp;
    }

    /** Sends raw bytes (no line end added). */
    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends one command line. */
    public void send(String line) throws IOException {
        sendRaw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a command and returns the full reply text (all lines of a multi-line reply). */
    public String command(String line) throws IOException {
        send(line);
        return reply();
    }

    /** Sends a command and asserts the reply code; returns the reply. */
    public String expect(String line, int code) throws IOException {
        String reply = command(line);
        assertEquals(code, code(reply), line + " -> " + reply);
        return reply;
    }

    /** Reads one complete reply (RFC 959 4.2 multi-line aware). */
    public String reply() throws IOException {
        return readReply(in);
    }

    /** Reads one complete reply from {@code in}: a single line, or a multi-line reply through its last line. */
    public static String readReply(BufferedReader in) throws IOException {
        String first = in.readLine();
        if (first == null) {
            throw new IOException("control connection closed");
        }
        if (first.length() < 4 || first.charAt(3) != '-') {
            return first;
        }
        StringBuilder all = new StringBuilder(first);
        String end = first.substring(0, 3) + " ";
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("control connection closed inside a multi-line reply");
            }
            all.append('\n').append(line);
        } while (!line.startsWith(end));
        return all.toString();
    }

    /** The port a {@code 229} reply to EPSV or a {@code 227} reply to PASV names. */
    public static int passivePort(String reply) {
        Matcher epsv = EPSV.matcher(reply);
        if (epsv.find()) {
            return Integer.parseInt(epsv.group(1));
        }
        Matcher pasv = PASV.matcher(reply);
        assertTrue(pasv.find(), "no port in " + reply);
        return Integer.parseInt(pasv.group(5)) * 256 + Integer.parseInt(pasv.group(6));
    }

    /** The three-digit code of a reply. */
    public static int code(String reply) {
        return Integer.parseInt(reply.substring(0, 3));
    }

    /** EPSV and connect to the advertised port. */
    public Socket epsv() throws IOException {
        String reply = expect("EPSV", 229);
        Socket data = new Socket();
        data.connect(new InetSocketAddress(host, passivePort(reply)), 10_000);
        data.setSoTimeout(30_000);
        return data;
    }

    /** True when the server has closed the control connection (read returns end of stream). */
    public boolean isClosedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    /** The control socket, for tests that reset it. */
    public Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
