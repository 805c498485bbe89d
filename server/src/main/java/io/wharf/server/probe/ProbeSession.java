package io.wharf.server.probe;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import javax.net.ssl.SSLSocket;

/**
 * One control connection of the probe, taken through the steps every data mode needs: connect, TLS (implicit, or
 * AUTH TLS), greeting, login, and for encrypted data PBSZ 0 and PROT P. Each step's duration and reply are kept for
 * the report's header.
 */
final class ProbeSession implements AutoCloseable {

    private final ControlChannel control;
    private final ProbeTls.Client tls;
    private Duration connectTime;
    private Reply greeting;
    private Duration loginTime;
    private Reply login;

    private ProbeSession(ControlChannel control, ProbeTls.Client tls) {
        this.control = control;
        this.tls = tls;
    }

    /**
     * Opens the TCP connection.
     *
     * @param tls the TLS client for this login, or null for plain FTP
     * @throws IOException as {@link java.net.Socket#connect(java.net.SocketAddress, int)} throws it
     */
    static ProbeSession open(InetSocketAddress server, Duration timeout, ProbeTls.Client tls) throws IOException {
        long start = System.nanoTime();
        ProbeSession session = new ProbeSession(ControlChannel.connect(server, timeout), tls);
        session.connectTime = Duration.ofNanos(System.nanoTime() - start);
        return session;
    }

    /**
     * Reads the greeting; with {@code implicit}, after the TLS handshake.
     *
     * @throws javax.net.ssl.SSLException when the implicit handshake fails
     * @throws IOException   when the wait for the greeting fails
     * @throws StepException when the greeting is not a 2xx
     */
    void greet(String host, boolean implicit) throws IOException, StepException {
        if (implicit) {
            control.useTls(tls.control(control.tcp(), host, control.peerPort()));
        }
        greeting = control.read();
        if (!greeting.isPositive()) {
            throw new StepException("greeting", greeting);
        }
    }

    /** AUTH TLS and the handshake (explicit FTPS). */
    void authTls(String host) throws IOException, StepException {
        Reply auth = control.command("AUTH TLS");
        if (auth.code() != 234) {
            throw new StepException("AUTH TLS", auth);
        }
        control.useTls(tls.control(control.tcp(), host, control.peerPort()));
    }

    /** USER and PASS (PASS only if the server asks for it). */
    void login(String user, String password) throws IOException, StepException {
        long start = System.nanoTime();
        Reply reply = control.command("USER " + user);
        if (reply.code() == 331) {
            reply = control.command("PASS " + password);
        }
        loginTime = Duration.ofNanos(System.nanoTime() - start);
        login = reply;
        if (reply.code() != 230 && reply.code() != 202) {
            throw new StepException("login", reply);
        }
    }

    /** PBSZ 0 and PROT P: data connections encrypted from now on (RFC 4217 9). */
    void protectData() throws IOException, StepException {
        Reply pbsz = control.command("PBSZ 0");
        if (!pbsz.isPositive()) {
            throw new StepException("PBSZ 0", pbsz);
        }
        Reply prot = control.command("PROT P");
        if (!prot.isPositive()) {
            throw new StepException("PROT P", prot);
        }
    }

    /** Politely ends the session; the probe needs nothing from the reply. */
    void quit() {
        try {
            control.command("QUIT");
        } catch (IOException e) {
            // The verdict does not depend on QUIT; a server that hangs up first is fine.
        }
    }

    ControlChannel control() {
        return control;
    }

    /** The TLS client of this login, or null when it is plain. */
    ProbeTls.Client tls() {
        return tls;
    }

    /** The encrypted control socket, or null. */
    SSLSocket tlsSocket() {
        return control.tls();
    }

    Duration connectTime() {
        return connectTime;
    }

    Reply greeting() {
        return greeting;
    }

    Duration loginTime() {
        return loginTime;
    }

    Reply loginReply() {
        return login;
    }

    @Override
    public void close() {
        control.close();
    }
}
