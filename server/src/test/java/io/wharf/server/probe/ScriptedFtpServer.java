package io.wharf.server.probe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny FTP server on 127.0.0.1 for what a real server cannot be made to do: it answers like a plain, working
 * server (anonymous login, FEAT, PASV, EPSV, PORT, EPRT, LIST) unless a verb is scripted with a canned reply taken
 * from real servers, or with a behaviour (a 227 naming another address, a PORT that is accepted and never acted on).
 * One thread serves the probe's connections one after the other, which is how the probe makes them.
 */
final class ScriptedFtpServer implements AutoCloseable {

    /** What a scripted verb does instead of the default. */
    @FunctionalInterface
    interface Behaviour {
        /** Handles one command; {@code session} writes replies and holds the data-connection state. */
        void handle(Session session, String argument) throws IOException;
    }

    private static final Pattern EPRT = Pattern.compile("\\|[12]\\|([^|]+)\\|(\\d+)\\|");

    private final ServerSocket control;
    private final Map<String, Behaviour> script = new HashMap<>();
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    ScriptedFtpServer() throws IOException {
        control = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "scripted-ftp");
        thread.setDaemon(true);
    }

    /** Answers {@code verb} with {@code reply} (a complete reply line, code included). */
    ScriptedFtpServer reply(String verb, String reply) {
        return behave(verb, (session, argument) -> session.send(reply));
    }

    /** Handles {@code verb} with {@code behaviour}. */
    ScriptedFtpServer behave(String verb, Behaviour behaviour) {
        script.put(verb, behaviour);
        return this;
    }

    /** Starts serving; call after scripting. */
    ScriptedFtpServer start() {
        thread.start();
        return this;
    }

    int port() {
        return control.getLocalPort();
    }

    /** The failure of the serving thread, if any (a test that sees one should fail). */
    Throwable failure() {
        return failure.get();
    }

    private void serve() {
        while (!control.isClosed()) {
            try (Socket socket = control.accept(); Session session = new Session(socket)) {
                session.converse();
            } catch (IOException e) {
                if (!control.isClosed()) {
                    // The probe hangs up in the middle of transfers on purpose; only a broken listener is a failure.
                    continue;
                }
            } catch (RuntimeException | Error e) {
                failure.set(e);
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        control.close();
    }

    /** One control connection, with the data-connection state a LIST needs. */
    final class Session implements AutoCloseable {
        private final BufferedReader in;
        private final OutputStream out;
        private ServerSocket passive;
        private InetSocketAddress active;

        Session(Socket socket) throws IOException {
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            out = socket.getOutputStream();
        }

        void converse() throws IOException {
            send("220 scripted FTP server ready");
            String line;
            while ((line = in.readLine()) != null) {
                int space = line.indexOf(' ');
                String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
                String argument = space < 0 ? "" : line.substring(space + 1);
                Behaviour behaviour = script.get(verb);
                if (behaviour != null) {
                    behaviour.handle(this, argument);
                } else if (!standard(verb, argument)) {
                    return;
                }
            }
        }

        /** The default answers; false after QUIT. */
        private boolean standard(String verb, String argument) throws IOException {
            switch (verb) {
                case "USER" -> send("331 Please specify the password.");
                case "PASS" -> send("230 Login successful.");
                case "FEAT" -> send("211-Features:\r\n EPRT\r\n EPSV\r\n PASV\r\n211 End");
                case "PASV" -> pasv(InetAddress.getLoopbackAddress());
                case "EPSV" -> send("229 Entering Extended Passive Mode (|||" + openPassive() + "|)");
                case "PORT" -> port(argument);
                case "EPRT" -> eprt(argument);
                case "LIST" -> list();
                case "QUIT" -> {
                    send("221 Goodbye.");
                    return false;
                }
                default -> send("502 Command not implemented.");
            }
            return true;
        }

        /** Opens a passive listener on 127.0.0.1 and replies 227 naming {@code advertised} and its port. */
        void pasv(InetAddress advertised) throws IOException {
            int port = openPassive();
            byte[] a = advertised.getAddress();
            send("227 Entering Passive Mode (" + (a[0] & 0xFF) + "," + (a[1] & 0xFF) + "," + (a[2] & 0xFF) + ","
                    + (a[3] & 0xFF) + "," + (port >> 8) + "," + (port & 0xFF) + ").");
        }

        private int openPassive() throws IOException {
            passive = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            passive.setSoTimeout(10_000);
            return passive.getLocalPort();
        }

        private void port(String argument) throws IOException {
            String[] p = argument.split(",");
            active = new InetSocketAddress(InetAddress.getByName(p[0] + "." + p[1] + "." + p[2] + "." + p[3]),
                    Integer.parseInt(p[4]) * 256 + Integer.parseInt(p[5]));
            send("200 PORT command successful. Consider using PASV.");
        }

        private void eprt(String argument) throws IOException {
            Matcher m = EPRT.matcher(argument);
            if (!m.matches()) {
                send("501 Bad EPRT");
                return;
            }
            active = new InetSocketAddress(InetAddress.getByName(m.group(1)), Integer.parseInt(m.group(2)));
            send("200 EPRT command successful. Consider using EPSV.");
        }

        /** Whether PORT or EPRT named a target for the next transfer. */
        boolean isActive() {
            return active != null;
        }

        /** The default LIST: 150, the listing over the data connection, 226. */
        void list() throws IOException {
            if (passive == null && active == null) {
                send("425 Use PORT or PASV first.");
                return;
            }
            Socket data;
            if (passive != null) {
                send("150 Here comes the directory listing.");
                data = passive.accept();
                passive.close();
                passive = null;
            } else {
                data = new Socket();
                data.connect(active, 10_000);
                active = null;
                send("150 Here comes the directory listing.");
            }
            try (Socket socket = data) {
                socket.getOutputStream().write("-rw-r--r--    1 0  0  5 Jan 01 00:00 hello.txt\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
            }
            send("226 Directory send OK.");
        }

        /** Sends one reply (lines joined with CRLF by the caller for multi-line replies). */
        void send(String reply) throws IOException {
            out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (passive != null) {
                passive.close();
            }
        }
    }
}
