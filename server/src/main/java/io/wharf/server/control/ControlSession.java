package io.wharf.server.control;

import io.wharf.config.TlsRequirement;
import io.wharf.config.UserEntry;
import io.wharf.server.auth.AuthResult;
import io.wharf.server.data.DataEndpoint;
import io.wharf.server.data.Transfer;
import io.wharf.server.data.TransferType;
import io.wharf.server.reactor.EventLoop;
import io.wharf.server.reactor.IoHandler;
import io.wharf.server.reactor.TimerWheel;
import io.wharf.server.tls.ClientCertificateRule;
import io.wharf.server.tls.ListenerTls;
import io.wharf.server.tls.SessionTls;
import io.wharf.server.tls.WorkerTaskOffload;
import io.wharf.server.vfs.Resolved;
import io.wharf.server.vfs.VirtualFileSystem;
import io.wharf.tls.PlainTransport;
import io.wharf.tls.TlsTransport;
import io.wharf.tls.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * One FTP control connection. Loop-confined: every method runs on its {@link EventLoop}'s thread, so its state needs
 * no locks. It owns its socket, its {@link DataEndpoint} (and through it any passive port and transfer) and its timer.
 *
 * <p>Commands run strictly in order and replies leave in command order. Two things pause the pipeline:
 * <ul>
 *   <li>a password check in flight: nothing runs until its result is back;</li>
 *   <li>a transfer: only verbs allowed {@link Phase#DURING_TRANSFER} (ABOR, QUIT) run at once; others wait, bounded,
 *       until the transfer's final reply has been sent (proftpd#2285 shows the desynchronisation this prevents).</li>
 * </ul>
 * While paused, unread bytes stay in the input buffer; when it fills, the session stops reading the socket, so a
 * client cannot make it queue without bound.
 *
 * <p>TLS (RFC 4217) changes only the transport underneath: on an implicit listener the session starts with the
 * handshake and greets after it; {@code AUTH TLS} swaps the plain transport for TLS once its {@code 234} has left,
 * handing over whatever the client sent behind the command; {@code CCC} swaps back after both {@code close_notify}s.
 * Decrypted bytes can wait inside the TLS transport where {@code OP_READ} does not see them, so the pump fetches
 * them itself whenever it has room.
 *
 * <pre>
 *   login:  AWAITING_USER --USER--> AWAITING_PASS --PASS--> AUTHENTICATING --ok--> LOGGED_IN
 *                 ^                                               |
 *                 '-----------------------failed (530)-----------'
 * </pre>
 */
public final class ControlSession implements IoHandler, DataEndpoint.Owner {

    /** Login progress. */
    public enum LoginState { AWAITING_USER, AWAITING_PASS, AUTHENTICATING, LOGGED_IN }

    private static final System.Logger LOG = System.getLogger("io.wharf.session");
    private static final AtomicLong IDS = new AtomicLong();
    /**
     * Control lines are short and the decoder keeps a partial line itself, so a small buffer only means an occasional
     * second read; it is held by every idle session, and 15,000 of them at 2 KiB each were a fifth of the heap.
     */
    private static final int INPUT_BYTES = 512;
    private static final int MAX_DEFERRED = 16;
    private static final int MAX_REPLY_BYTES = 64 * 1024;
    private static final int MAX_FAILED_LOGINS = 5;
    private static final long RNTO = Verb.pack("RNTO");

    private final long id = IDS.incrementAndGet();
    private final EventLoop loop;
    private final ServerContext server;
    private final ListenerContext listener;
    private final SocketChannel channel;
    private Transport transport;
    private TlsTransport tls;                     // the transport, once the control connection is encrypted
    private SessionTls sessionTls;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final LineDecoder decoder;
    private final ByteBuffer in = ByteBuffer.allocate(INPUT_BYTES);        // write mode outside pump()
    private final ReplyBuffer replies = new ReplyBuffer(MAX_REPLY_BYTES);
    private final ArrayDeque<Command> deferred = new ArrayDeque<>();
    private final DataEndpoint data;
    private final TimerWheel.Timer timer = new TimerWheel.Timer(this::onTimer);
    private final long openedAtNs;
    private SelectionKey key;
    private LoginState login = LoginState.AWAITING_USER;
    private String userName;
    private VirtualFileSystem vfs;
    private TransferType type = TransferType.ASCII;          // RFC 959 5.1: the default type is ASCII
    private boolean epsvAll;
    private Resolved renameFrom;
    private String hashAlgorithm = "SHA-256";
    private long restartOffset;
    private boolean waitingOffLoop;
    private int failedLogins;
    private long lastCommandNs;
    private long bytesAtLastCheck = -1;
    private long progressCheckNs;
    private boolean inputClosed;
    /** Why the session closes once its pending replies are written; null while it stays open. */
    private String closeAfterFlush;
    private boolean upgradePending;               // AUTH TLS answered: encrypt once 234 has left in plain text
    private boolean clearPending;                 // CCC answered: end TLS once 200 has left, then go on in plain
    private boolean clearing;                     // our close_notify sent; waiting for the client's
    private boolean pbszGiven;
    private boolean userRequiresData;
    private boolean pumping;
    private boolean closed;

    private ControlSession(EventLoop loop, SocketChannel channel, ServerContext server, ListenerContext listener)
            throws IOException {
        this.loop = loop;
        this.server = server;
        this.listener = listener;
        this.channel = channel;
        ListenerTls listenerTls = listener.tls();
        if (listenerTls != null && listenerTls.implicit()) {
            this.sessionTls = listenerTls.newSession(new WorkerTaskOffload(server.tlsTasks(), loop));
            this.tls = newControlTransport(ByteBuffer.allocate(0));
            this.transport = tls;
        } else {
            this.transport = new PlainTransport(channel);
        }
        this.remote = (InetSocketAddress) channel.getRemoteAddress();
        this.local = (InetSocketAddress) channel.getLocalAddress();
        this.decoder = new LineDecoder(server.maxLineBytes());
        this.openedAtNs = loop.nowNs();
        this.lastCommandNs = openedAtNs;
        this.data = new DataEndpoint(loop, remote.getAddress(), server.dataConnectTimeoutNs(), this);
    }

    /**
     * Loop thread. Takes over a freshly accepted, non-blocking control connection whose session slot has already
     * been claimed, registers it and sends the greeting. On failure the channel is closed and the slot returned.
     */
    public static void open(EventLoop loop, SocketChannel channel, ServerContext server, ListenerContext listener) {
        ControlSession session = null;
        try {
            session = new ControlSession(loop, channel, server, listener);
            session.key = loop.register(channel, SelectionKey.OP_READ, session);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "control connection lost before its session started: {0}",
                    e.toString());
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing was said on this connection yet; closing is all there is.
            }
            server.sessionClosed();
            return;
        }
        session.start();
    }

    private void start() {
        LOG.log(System.Logger.Level.INFO, "{0} connected on {1}", logContext(), listener.name());
        loop.timers().schedule(timer, openedAtNs + server.loginTimeoutNs());
        if (tls != null) {
            advanceHandshake();         // implicit FTPS: the greeting waits for the handshake
            return;
        }
        greet();
    }

    private void greet() {
        replies.reply(220, "Wharf FTP gateway ready");
        flush();
    }

    // ---- I/O ---------------------------------------------------------------------------------------------------

    @Override
    public void onReady(SelectionKey readyKey) throws IOException {
        if (tls != null && !tls.isHandshakeComplete()) {
            advanceHandshake();
            return;
        }
        if (clearing) {
            continueClearing();
            return;
        }
        if (readyKey.isWritable()) {
            flush();
        }
        if (!closed && readyKey.isValid() && readyKey.isReadable()) {
            int n = transport.read(in);
            if (n < 0) {
                inputClosed = true;
            }
            pump();
        }
    }

    @Override
    public void onFailure(Exception cause) {
        LOG.log(System.Logger.Level.WARNING, "{0} control connection failed: {1}", logContext(), cause.toString());
        close("failure: " + cause);
    }

    @Override
    public void onShutdown() {
        if (!closed) {
            replies.reply(421, "Service shutting down, closing control connection");
            try {
                replies.flushTo(transport);
            } catch (IOException ignored) {
                // The server is going away; a client that cannot be told will see the connection close.
            }
            close("server shutdown");
        }
    }

    /**
     * Runs deferred commands, then decodes and runs what is in the input buffer, for as long as the session is not
     * paused. Re-entrant calls (a transfer finishing inside a handler) only mark that more may run: the outer call's
     * loop picks it up.
     */
    private void pump() {
        if (pumping || closed) {
            return;
        }
        pumping = true;
        try {
            do {
                runCommands();
            } while (refill());
        } finally {
            pumping = false;
        }
        if (inputClosed && !closed && !data.isBusy() && login != LoginState.AUTHENTICATING && !waitingOffLoop) {
            close("client closed the control connection");
            return;
        }
        flush();
    }

    private void runCommands() {
        in.flip();
        try {
            // Nothing after QUIT (or a refusal that closes) may run, however much the client pipelined behind it.
            // Nothing after AUTH TLS either: what follows it is the client's TLS handshake, not commands.
            while (!closed && closeAfterFlush == null && !upgradePending && !clearPending) {
                if (login == LoginState.AUTHENTICATING || waitingOffLoop) {
                    break;
                }
                boolean transferring = data.isBusy();
                if (!transferring && !deferred.isEmpty()) {
                    dispatch(deferred.poll());
                    continue;
                }
                if (transferring && deferred.size() >= MAX_DEFERRED) {
                    break;
                }
                LineDecoder.Result result = decoder.decode(in);
                if (result == LineDecoder.Result.NEED_MORE) {
                    break;
                }
                lastCommandNs = loop.nowNs();
                onCommand(result == LineDecoder.Result.TOO_LONG
                        ? Command.TOO_LONG : Command.parse(decoder.line(), decoder.length()));
            }
        } finally {
            in.compact();
        }
    }

    /**
     * Takes plaintext that TLS already decrypted: {@code OP_READ} does not fire for it, so a session that stopped
     * reading with a full input buffer must fetch it when it has room again. True when bytes were added.
     */
    private boolean refill() {
        if (tls == null || closed || closeAfterFlush != null || upgradePending || clearPending || inputClosed
                || !in.hasRemaining()
                || login == LoginState.AUTHENTICATING || waitingOffLoop || !tls.hasBufferedInput()) {
            return false;
        }
        try {
            int n = tls.read(in);
            if (n < 0) {
                inputClosed = true;
            }
            return n > 0;
        } catch (IOException e) {
            close("read failed: " + e.getMessage());
            return false;
        }
    }

    private void onCommand(Command command) {
        if (data.isBusy()) {
            CommandSpec spec = server.commands().lookup(command.verb());
            if (spec == null || !spec.isAllowedIn(Phase.DURING_TRANSFER)) {
                deferred.add(command);
                return;
            }
        }
        dispatch(command);
    }

    /** The only gate between a command and its handler. */
    private void dispatch(Command command) {
        if (command == Command.TOO_LONG) {
            replies.reply(500, "Command line too long (limit " + server.maxLineBytes() + " bytes)");
            return;
        }
        if (!command.isValid()) {
            replies.reply(500, "Syntax error, command unrecognized");
            return;
        }
        CommandSpec spec = server.commands().lookup(command.verb());
        if (spec == null) {
            replies.reply(502, "Command " + command.verbText() + " not implemented");
            return;
        }
        Phase phase = data.isBusy() ? Phase.DURING_TRANSFER
                : login == LoginState.LOGGED_IN ? Phase.LOGGED_IN : Phase.BEFORE_LOGIN;
        if (!spec.isAllowedIn(phase)) {
            if (phase == Phase.BEFORE_LOGIN) {
                replies.reply(530, "Please log in with USER and PASS first");
            } else {
                replies.reply(503, command.verbText() + " not allowed now");
            }
            return;
        }
        if (command.verb() != RNTO) {
            renameFrom = null;             // RFC 959 4.1.3: RNTO must come right after RNFR
        }
        spec.handler().handle(this, command);
    }

    /** Writes pending replies, closes after QUIT once drained, and sets interest to what the session needs now. */
    private void flush() {
        if (closed) {
            return;
        }
        boolean drained;
        try {
            drained = replies.flushTo(transport);
        } catch (IOException e) {
            close("write failed: " + e.getMessage());
            return;
        }
        if (replies.isOverflowed()) {
            close("client stopped reading replies");
            return;
        }
        if (drained && closeAfterFlush != null) {
            close(closeAfterFlush);
            return;
        }
        if (drained && upgradePending) {
            beginTls();
            return;
        }
        if (drained && clearPending) {
            clearPending = false;
            clearing = true;
            continueClearing();
            return;
        }
        int ops = drained ? 0 : SelectionKey.OP_WRITE;
        if (!inputClosed && closeAfterFlush == null && in.hasRemaining()) {
            ops |= SelectionKey.OP_READ;
        }
        if (key.isValid()) {
            key.interestOps(ops);
        }
    }

    // ---- TLS ---------------------------------------------------------------------------------------------------

    /** AUTH TLS, after its 234 has left: what the client sent behind the command is the start of its handshake. */
    private void beginTls() {
        upgradePending = false;
        in.flip();
        try {
            tls = newControlTransport(in);
        } catch (RuntimeException e) {
            close("TLS engine could not be created: " + e);
            return;
        } finally {
            in.clear();
        }
        transport = tls;
        advanceHandshake();
    }

    private TlsTransport newControlTransport(ByteBuffer initialBytes) {
        TlsTransport transport = new TlsTransport(channel, sessionTls.newControlEngine(), initialBytes,
                loop.tlsBuffers());
        transport.offloadHandshakeTasks(sessionTls.tasks(), () -> {
            if (!closed) {
                advanceHandshake();
            }
        });
        return transport;
    }

    private void advanceHandshake() {
        TlsTransport.Progress progress;
        try {
            progress = tls.handshake();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "{0} TLS handshake failed: {1}", logContext(), e.getMessage());
            close("TLS handshake failed");
            return;
        }
        switch (progress) {
            case NEED_READ -> key.interestOps(SelectionKey.OP_READ);
            case NEED_WRITE -> key.interestOps(SelectionKey.OP_WRITE);
            case NEED_TASKS -> key.interestOps(0);           // the task offload calls back
            default -> onTlsEstablished();
        }
    }

    /**
     * CCC: sends our close_notify, reads until the client's, then goes on in plain text on the same socket with
     * whatever followed the client's close_notify. Application data that arrives meanwhile breaks RFC 4217 12 and
     * is dropped.
     */
    private void continueClearing() {
        try {
            if (!tls.shutdownOutput()) {
                key.interestOps(SelectionKey.OP_WRITE);
                return;
            }
            ByteBuffer sink = loop.ioBuffer();
            int n;
            while ((n = tls.read(sink.clear())) > 0) {
                // discard: nothing but close_notify is expected before plain text resumes
            }
            if (n == 0) {
                key.interestOps(SelectionKey.OP_READ);
                return;
            }
            if (!tls.hasReceivedCloseNotify()) {
                close("client closed the control connection during CCC");
                return;
            }
        } catch (IOException e) {
            close("CCC failed: " + e.getMessage());
            return;
        }
        in.clear();
        tls.takeInputAfterClose(in);
        tls = null;                       // not closed: the socket goes on in plain text
        transport = new PlainTransport(channel);
        clearing = false;
        LOG.log(System.Logger.Level.INFO, "{0} control connection cleared (CCC), plain text from now on",
                logContext());
        pump();
    }

    private void onTlsEstablished() {
        sessionTls.controlEstablished(tls.session());
        LOG.log(System.Logger.Level.INFO, "{0} TLS established: {1} {2}", logContext(), tls.session().getProtocol(),
                tls.session().getCipherSuite());
        if (listener.tls().implicit()) {
            greet();             // the only handshake of an implicit session comes before its greeting
        }
        pump();
    }

    // ---- timers ------------------------------------------------------------------------------------------------

    private void onTimer() {
        if (closed) {
            return;
        }
        long now = loop.nowNs();
        if (login != LoginState.LOGGED_IN) {
            // Also while AUTHENTICATING: a result that never comes back (overload) must not pin the session.
            long deadline = openedAtNs + server.loginTimeoutNs();
            if (now - deadline >= 0) {
                timeOut("Login timeout: no login within " + seconds(server.loginTimeoutNs()) + " s");
            } else {
                loop.timers().schedule(timer, deadline);
            }
            return;
        }
        if (data.isBusy()) {
            onTransferTimer(now);
            return;
        }
        if (waitingOffLoop) {
            // Hashing a large file can outlast the idle timeout; the session is waiting on us, not idle.
            loop.timers().schedule(timer, now + server.idleTimeoutNs());
            return;
        }
        long deadline = lastCommandNs + server.idleTimeoutNs();
        if (now - deadline >= 0) {
            timeOut("Idle timeout: no command for " + seconds(server.idleTimeoutNs()) + " s");
        } else {
            loop.timers().schedule(timer, deadline);
        }
    }

    /**
     * A long transfer keeps its control connection alive however quiet the control side is (NAT and load balancers
     * drop such sessions otherwise). But a transfer that moved no byte for a whole idle period has a peer that
     * stopped reading or sending without closing: abort it, or it would hold its socket and file forever.
     */
    private void onTransferTimer(long now) {
        Transfer running = data.running();
        long moved = running == null ? -1 : running.bytes();
        if (running != null && moved == bytesAtLastCheck && now - progressCheckNs >= server.idleTimeoutNs()) {
            data.abort();
            LOG.log(System.Logger.Level.WARNING, "{0} transfer stalled, aborted after {1} bytes", logContext(), moved);
            replies.reply(426, "Data connection stalled for " + seconds(server.idleTimeoutNs())
                    + " s; transfer aborted");
            lastCommandNs = now;
            loop.timers().schedule(timer, now + server.idleTimeoutNs());
            pump();
            return;
        }
        if (moved != bytesAtLastCheck) {
            bytesAtLastCheck = moved;
            progressCheckNs = now;
        }
        loop.timers().schedule(timer, now + server.idleTimeoutNs());
    }

    private void timeOut(String text) {
        replies.reply(421, text + ", closing control connection");
        closeAfterFlush = text;
        flush();
        if (!closed) {
            close("timeout");      // a client that does not even read the 421 is not waited for
        }
    }

    private static long seconds(long ns) {
        return ns / 1_000_000_000L;
    }

    // ---- what handlers use -------------------------------------------------------------------------------------

    /** Queues a single-line reply. */
    public void reply(int code, CharSequence text) {
        replies.reply(code, text);
    }

    /** The reply buffer, for multi-line replies. */
    public ReplyBuffer replies() {
        return replies;
    }

    /** The session's loop. */
    public EventLoop loop() {
        return loop;
    }

    /** The listener this session came in on. */
    public ListenerContext listener() {
        return listener;
    }

    /** The client's address. */
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    /** The server address the client connected to. */
    public InetSocketAddress localAddress() {
        return local;
    }

    /** Data connections and transfers. */
    public DataEndpoint data() {
        return data;
    }

    /** The user's file system view; null before login. */
    public VirtualFileSystem vfs() {
        return vfs;
    }

    /** The representation type (TYPE). */
    public TransferType type() {
        return type;
    }

    /** Sets the representation type. */
    public void type(TransferType newType) {
        this.type = newType;
    }

    /** True after {@code EPSV ALL}: only EPSV may set up data connections from now on (RFC 2428 4). */
    public boolean isEpsvAll() {
        return epsvAll;
    }

    /** Records {@code EPSV ALL}. */
    public void epsvAll() {
        this.epsvAll = true;
    }

    /** The user name given with USER (logged in or not yet), or null. */
    public String userName() {
        return userName;
    }

    /** Current login state. */
    public LoginState loginState() {
        return login;
    }

    /** The session's id, unique within this process. */
    public long id() {
        return id;
    }

    /** USER: remembers the name and waits for PASS. */
    public void userGiven(String name) {
        if (login == LoginState.LOGGED_IN || login == LoginState.AUTHENTICATING) {
            throw new IllegalStateException("USER in login state " + login);
        }
        userName = name;
        login = LoginState.AWAITING_PASS;
    }

    /** PASS: hands the password to the authenticator and pauses the session until the answer comes back. */
    public void passwordGiven(String password) {
        if (login != LoginState.AWAITING_PASS) {
            throw new IllegalStateException("PASS in login state " + login);
        }
        login = LoginState.AUTHENTICATING;
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        if (!server.authenticator().authenticate(userName, secret, loop, this::onAuthenticated)) {
            login = LoginState.AWAITING_USER;
            replies.reply(421, "Too many logins in progress, try again later");
            closeAfterFlush = "too many logins in progress";
        }
    }

    private void onAuthenticated(AuthResult result) {
        if (closed) {
            return;
        }
        String refusal = result.isSuccess() ? tlsPolicyRefusal(result.user()) : null;
        if (refusal != null) {
            result = new AuthResult(result.userName(), null, refusal, null);
        }
        if (result.isSuccess()) {
            TlsRequirement needs = result.user().tls();
            userRequiresData = needs == TlsRequirement.DATA || needs == TlsRequirement.BOTH;
            login = LoginState.LOGGED_IN;
            vfs = new VirtualFileSystem(result.home());
            lastCommandNs = loop.nowNs();
            loop.timers().schedule(timer, lastCommandNs + server.idleTimeoutNs());
            LOG.log(System.Logger.Level.INFO, "{0} login ok", logContext());
            replies.reply(230, "User " + userName + " logged in");
        } else {
            login = LoginState.AWAITING_USER;
            failedLogins++;
            LOG.log(System.Logger.Level.WARNING, "{0} login failed: {1}", logContext(), result.failure());
            replies.reply(530, refusal != null ? "Login refused: " + refusal : "Login incorrect");
            if (failedLogins >= MAX_FAILED_LOGINS) {
                replies.reply(421, "Too many failed logins, closing control connection");
                closeAfterFlush = "too many failed logins";
            }
        }
        pump();
    }

    /**
     * What the user's own TLS rules say of this connection, after the password was right: null when it may log in.
     * The password has crossed already by then; refusing still keeps an unencrypted session from ever working.
     */
    private String tlsPolicyRefusal(UserEntry user) {
        TlsRequirement needs = user.tls();
        boolean control = needs == TlsRequirement.CONTROL || needs == TlsRequirement.BOTH;
        if ((control || user.clientCertificate() != null) && tls == null) {
            return "user " + user.name() + " must use TLS: send AUTH TLS before USER";
        }
        if (user.clientCertificate() != null) {
            return ClientCertificateRule.refusal(user.clientCertificate(), tls.session());
        }
        return null;
    }

    /**
     * Runs blocking {@code work} (hashing a file, say) on the server's file workers and pauses this session's
     * commands until {@code onDone} has run back on this loop with the result or the failure. The caller replies
     * from {@code onDone}. Returns false, without pausing, when the workers are overloaded.
     */
    public <T> boolean offLoop(Callable<T> work, BiConsumer<T, Exception> onDone) {
        if (waitingOffLoop) {
            throw new IllegalStateException("off-loop work already pending");
        }
        boolean queued = server.files().submit(work, loop, (result, failure) -> {
            if (closed) {
                return;
            }
            waitingOffLoop = false;
            lastCommandNs = loop.nowNs();
            onDone.accept(result, failure);
            pump();
        });
        waitingOffLoop = queued;
        return queued;
    }

    /** The algorithm HASH uses, chosen with {@code OPTS HASH} (draft-bryan-ftpext-hash); SHA-256 by default. */
    public String hashAlgorithm() {
        return hashAlgorithm;
    }

    /** OPTS HASH: selects the algorithm for later HASH commands; the caller has checked it is supported. */
    public void hashAlgorithm(String algorithm) {
        this.hashAlgorithm = algorithm;
    }

    /** The path named by the RNFR just before this command, or null. */
    public Resolved renameFrom() {
        return renameFrom;
    }

    /** RNFR: remembers the source for the RNTO that must follow. */
    public void renameFrom(Resolved source) {
        this.renameFrom = source;
    }

    /** REST: the offset for the next RETR, STOR or APPE. */
    public void restartOffset(long offset) {
        this.restartOffset = offset;
    }

    /** Returns and clears the REST offset (0 when none was given): each REST applies to one transfer. */
    public long takeRestartOffset() {
        long offset = restartOffset;
        restartOffset = 0;
        return offset;
    }

    /** True once the control connection is encrypted (after AUTH TLS, or from the start on an implicit listener). */
    public boolean isTls() {
        return tls != null || upgradePending;
    }

    /**
     * AUTH TLS, answered with 234 by the caller: the connection switches to TLS as soon as that reply has left.
     * Resets the login to its start (RFC 4217 4) and any data protection settings.
     */
    public void startTls() {
        if (isTls() || login == LoginState.LOGGED_IN || login == LoginState.AUTHENTICATING) {
            throw new IllegalStateException("AUTH TLS with tls=" + isTls() + " login=" + login);
        }
        sessionTls = listener.tls().newSession(new WorkerTaskOffload(server.tlsTasks(), loop));
        upgradePending = true;
        login = LoginState.AWAITING_USER;
        userName = null;
        pbszGiven = false;
        protect(false);
    }

    /** CCC, answered with 200 by the caller: TLS ends on the control connection once that reply has left. */
    public void clearCommandChannel() {
        if (tls == null || upgradePending) {
            throw new IllegalStateException("CCC without TLS");
        }
        clearPending = true;
    }

    /** True once PBSZ has been accepted, which PROT needs (RFC 2228). */
    public boolean isPbszGiven() {
        return pbszGiven;
    }

    /** PBSZ accepted. */
    public void pbszGiven() {
        this.pbszGiven = true;
    }

    /** PROT P ({@code true}) or PROT C: whether later data connections are encrypted. */
    public void protect(boolean privateData) {
        data.protect(privateData ? sessionTls : null);
    }

    /** True under PROT P. */
    public boolean isDataProtected() {
        return data.isProtected();
    }

    /** True when this session's data connections must be encrypted (the listener's or the user's policy). */
    public boolean requiresProtectedData() {
        return userRequiresData || listener.tls() != null && listener.tls().requiresData();
    }

    /** QUIT: say goodbye, then close once the reply is out. A running transfer is aborted first. */
    public void quit() {
        if (data.abort()) {
            replies.reply(426, "Transfer aborted by QUIT");
        }
        replies.reply(221, "Goodbye");
        closeAfterFlush = "quit";
    }

    /** Sends {@code 150 text} and runs {@code transfer} on the prepared data connection, which then owns the reply. */
    public void startTransfer(Transfer transfer, String text) {
        bytesAtLastCheck = -1;
        progressCheckNs = loop.nowNs();
        replies.reply(150, text);
        data.start(transfer);
    }

    @Override
    public void onTransferFinished(int code, String text) {
        replies.reply(code, text);
        lastCommandNs = loop.nowNs();
        pump();
    }

    @Override
    public String logContext() {
        return "s" + id + " " + (userName == null ? "-" : userName) + " "
                + remote.getAddress().getHostAddress() + ":" + remote.getPort();
    }

    /** True once closed. */
    public boolean isClosed() {
        return closed;
    }

    /** Closes everything this session owns. Idempotent. */
    public void close(String reason) {
        if (closed) {
            return;
        }
        closed = true;
        loop.timers().cancel(timer);
        try {
            data.close();
        } finally {
            if (key != null) {
                key.cancel();
            }
            transport.close();
            server.sessionClosed();
        }
        LOG.log(System.Logger.Level.INFO, "{0} closed: {1}", logContext(), reason);
    }
}
