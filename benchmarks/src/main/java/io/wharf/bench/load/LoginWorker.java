package io.wharf.bench.load;

import java.io.IOException;

/**
 * One worker of a {@code logins} run: connect, 220, USER, PASS, 230, QUIT, 221, and wait for the server to close,
 * over and over; FTPS adds AUTH TLS and a full handshake after the 220 (implicit FTPS: right after the connect), never
 * resuming an earlier session (see {@link ClientTls}). The latency is connect to 230. A refusal at any step is
 * counted by its reply code; the connection is closed either way and the next attempt starts at once. The control
 * buffers and the login lines are made once, so an attempt allocates only its socket (under FTPS also its TLS context
 * and engine).
 */
final class LoginWorker extends TimedWorker {

    private final FtpTarget target;
    private final byte[] userLine;
    private final byte[] passLine;
    private final FtpControl control = new FtpControl();

    LoginWorker(TimedRun run, FtpTarget target) {
        super(run);
        this.target = target;
        this.userLine = target.userLine();
        this.passLine = target.passLine();
    }

    @Override
    void setUp() {
        // Nothing to prepare: every attempt opens its own connection.
    }

    @Override
    long once() throws IOException {
        long startNs = System.nanoTime();
        try {
            control.connect(target);                       // implicit FTPS: the handshake too
            control.authenticate(userLine, passLine);      // explicit FTPS: AUTH TLS and the handshake too
            long latencyNs = System.nanoTime() - startNs;
            control.quitAndAwaitClose();
            return latencyNs;
        } finally {
            control.close();
        }
    }

    @Override
    void recover() {
        // Nothing to repair: the next attempt opens a new connection.
    }

    @Override
    void tearDown() {
        control.close();
    }

    @Override
    void closeChannels() {
        control.abort();
    }

    @Override
    String operation() {
        return "login";
    }
}
