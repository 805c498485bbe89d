package io.wharf.bench.load;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * One selector thread of an {@code idle} run, owning every session it opened: thousands of connections per thread,
 * not a thread per connection. Nothing here is touched by another thread except the volatile progress counters.
 *
 * <p>While opening it keeps at most {@link IdleRun#inFlightPerLoop} sessions connecting or logging in, so the
 * server's accept backlog and its password-hashing queue see a steady trickle instead of one burst. During the hold
 * every session sends NOOP once per interval, at a random phase so sends spread evenly, and the round trip goes
 * into a histogram with {@link Histogram#recordValueWithExpectedInterval}: a reply later than the interval
 * delays the next send, and the correction adds the samples that delay hid (coordinated omission).
 *
 * <p>Over FTPS ({@link IdleTls}) the login adds {@code AUTH TLS} (or, implicit, starts with TLS) and a full
 * handshake, which counts in the login latency; replies then arrive through the session's TLS transport, which can
 * hold records that {@code OP_READ} will not announce, so reading goes on while it says it has some.
 */
final class IdleLoop implements Runnable {

    /** Histograms cover 1 us to 10 minutes at 3 significant digits; values above are clamped. */
    static final long MAX_US = Percentiles.MAX_US;
    private static final long SWEEP_NS = 1_000_000_000L;
    private static final long QUIT_GRACE_NS = 5_000_000_000L;
    private static final int MAX_SOURCE_RETRIES = 16;
    private static final byte[] NOOP = "NOOP\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] QUIT = "QUIT\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AUTH_TLS = "AUTH TLS\r\n".getBytes(StandardCharsets.US_ASCII);

    private final IdleRun run;
    private final IdleTls tls;                                        // null for plain FTP
    private final ByteBuffer noBytes = ByteBuffer.allocate(0);
    private final Selector selector;
    private final byte[] userLine;
    private final byte[] passLine;
    private final ByteBuffer in = ByteBuffer.allocateDirect(4096);
    private final ByteBuffer out = ByteBuffer.allocateDirect(1024);
    private final ArrayList<IdleSession> sessions = new ArrayList<>();
    private final PriorityQueue<IdleSession> due =
            new PriorityQueue<>(Comparator.comparingLong((IdleSession s) -> s.nextNoopNs));
    private final Consumer<SelectionKey> onReady = this::onReady;     // allocated once, not per select
    private final SplittableRandom random;
    private final IdleTally tally = new IdleTally(MAX_US);
    // Progress for the coordinator. Only this thread writes them, so ++ on a volatile loses nothing.
    private volatile int loggedIn;
    private volatile int failed;
    private int opening;
    private int noopsInFlight;
    private long nextSweepNs;
    private boolean isOpenReported;
    private boolean isHoldScheduled;
    private boolean isHoldReported;
    private long quitDeadlineNs;

    IdleLoop(IdleRun run, int index) throws IOException {
        this.run = run;
        this.tls = run.target().tls() != null ? new IdleTls(run.target().tls()) : null;
        this.selector = Selector.open();
        this.userLine = run.target().userLine();
        this.passLine = run.target().passLine();
        this.random = new SplittableRandom(index * 0x9E3779B97F4A7C15L + System.nanoTime());
    }

    @Override
    public void run() {
        try {
            nextSweepNs = System.nanoTime() + SWEEP_NS;
            while (true) {
                long now = System.nanoTime();
                if (run.isClosing() && quitAll(now)) {
                    return;
                }
                openMore(now);
                checkPhases(now);
                fireDue(now);
                if (now - nextSweepNs >= 0) {
                    sweep(now);
                    nextSweepNs = now + SWEEP_NS;
                }
                selector.select(onReady, selectTimeoutMs(System.nanoTime()));
            }
        } catch (IOException | RuntimeException e) {
            tally.fatal(e);
        } finally {
            for (IdleSession s : sessions) {
                closeQuietly(s);
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // Every channel is closed already; a selector that fails to close holds nothing more.
            }
            // A loop that died early must not leave the coordinator waiting for it.
            release(run.opened(), isOpenReported);
            release(run.held(), isHoldReported);
        }
    }

    /** Makes the loop look at the coordinator's signals now. Any thread. */
    void wakeup() {
        selector.wakeup();
    }

    /** Progress for the coordinator: sessions logged in so far. Any thread. */
    int loggedIn() {
        return loggedIn;
    }

    /** Progress for the coordinator: sessions failed so far. Any thread. */
    int failed() {
        return failed;
    }

    /** The loop's numbers; read only after its thread has ended. */
    IdleTally tally() {
        return tally;
    }

    // ---- opening ----------------------------------------------------------------------------------------------

    private void openMore(long now) {
        while (opening < run.inFlightPerLoop() && run.claim()) {
            open(now);
        }
    }

    private void open(long now) {
        for (int attempt = 0; ; attempt++) {
            int source = run.sources().pick();
            SocketChannel channel = null;
            try {
                channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);   // a 6-byte NOOP must not wait
                InetSocketAddress local = SourceAddresses.bindAddress(source);
                if (local != null) {
                    channel.bind(local);
                }
                boolean connected = channel.connect(run.target().address());
                IdleSession session = new IdleSession(channel, now);
                session.key = channel.register(selector, SelectionKey.OP_CONNECT, session);
                sessions.add(session);
                opening++;
                if (connected) {
                    onConnected(session, now);
                }
                return;
            } catch (BindException e) {
                // This source address has no port left (EADDRNOTAVAIL/EADDRINUSE): move on to the next loopback one.
                closeUnregistered(channel);
                if (attempt >= MAX_SOURCE_RETRIES || !run.sources().exhausted(source)) {
                    failUnopened(e);
                    return;
                }
            } catch (IOException e) {
                closeUnregistered(channel);
                failUnopened(e);
                return;
            }
        }
    }

    private static void closeUnregistered(SocketChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // It never carried a byte; there is nothing to lose.
        }
    }

    private void failUnopened(IOException e) {
        tally.failedConnect("connect: " + e);
        failed++;
    }

    // ---- phases -----------------------------------------------------------------------------------------------

    private void checkPhases(long now) {
        if (!isOpenReported && opening == 0 && run.allClaimed()) {
            isOpenReported = true;
            run.opened().countDown();
        }
        if (!isHoldScheduled && run.isHoldStarted()) {
            isHoldScheduled = true;
            long start = run.holdStartNs();
            for (IdleSession s : sessions) {
                if (s.state == IdleSession.State.IDLE) {
                    s.nextNoopNs = start + random.nextLong(run.noopIntervalNs());
                    schedule(s);
                }
            }
        }
        if (isHoldScheduled && !isHoldReported && noopsInFlight == 0 && now - run.holdEndNs() >= 0) {
            isHoldReported = true;
            for (IdleSession s : sessions) {
                if (s.state.isHeld()) {
                    tally.countHeld();
                }
            }
            run.held().countDown();
        }
    }

    private void schedule(IdleSession s) {
        if (s.nextNoopNs - run.holdEndNs() < 0) {
            s.isScheduled = true;
            due.add(s);
        }
    }

    private void fireDue(long now) {
        IdleSession s;
        while ((s = due.peek()) != null && now - s.nextNoopNs >= 0) {
            due.poll();
            s.isScheduled = false;
            tally.lag(now - s.nextNoopNs);
            s.noopSentNs = now;
            s.await(IdleSession.State.NOOP_SENT, now);
            noopsInFlight++;
            send(s, NOOP);
        }
    }

    private long selectTimeoutMs(long now) {
        long wakeNs = nextSweepNs;
        IdleSession next = due.peek();
        if (next != null && next.nextNoopNs - wakeNs < 0) {
            wakeNs = next.nextNoopNs;
        }
        // select(0) would mean "forever"; a deadline already passed must poll instead.
        return Math.max(1, (wakeNs - now + 999_999) / 1_000_000);
    }

    /** Sends QUIT to every held session once, then reports true when all are closed or the grace is over. */
    private boolean quitAll(long now) {
        if (quitDeadlineNs == 0) {
            quitDeadlineNs = now + QUIT_GRACE_NS;
            due.clear();
            for (IdleSession s : sessions) {
                if (s.state.isHeld()) {
                    s.await(IdleSession.State.QUITTING, now);
                    send(s, QUIT);
                } else {
                    closeQuietly(s);
                }
            }
        }
        for (IdleSession s : sessions) {
            if (!s.isClosed()) {
                return now - quitDeadlineNs >= 0;
            }
        }
        return true;
    }

    // ---- I/O --------------------------------------------------------------------------------------------------

    private void onReady(SelectionKey key) {
        IdleSession s = (IdleSession) key.attachment();
        try {
            if (!key.isValid()) {
                return;
            }
            if (key.isConnectable()) {
                if (s.channel.finishConnect()) {
                    onConnected(s, System.nanoTime());
                }
                return;
            }
            if (s.state == IdleSession.State.HANDSHAKING) {
                handshake(s);
                return;
            }
            if (key.isWritable()) {
                flushUnsent(s);
            }
            if (key.isReadable()) {
                readReplies(s);
            }
        } catch (IOException e) {
            fail(s, e.toString());
        }
    }

    /** TCP is up: plain FTP and explicit FTPS wait for the greeting, implicit FTPS starts its handshake. */
    private void onConnected(IdleSession s, long now) {
        s.key.interestOps(SelectionKey.OP_READ);
        if (tls == null || !tls.isImplicit()) {
            s.await(IdleSession.State.GREETING, now);
            return;
        }
        s.await(IdleSession.State.HANDSHAKING, now);
        tls.secure(s, noBytes);
        handshake(s);
    }

    /** Drives the TLS handshake; once it is done, the login goes on where the plain protocol would. Never throws. */
    private void handshake(IdleSession s) {
        try {
            if (!tls.advance(s)) {
                return;
            }
        } catch (IOException e) {
            fail(s, "TLS handshake: " + e);
            return;
        }
        long now = System.nanoTime();
        if (tls.isImplicit()) {
            s.await(IdleSession.State.GREETING, now);
        } else {
            s.await(IdleSession.State.USER_SENT, now);
            send(s, userLine);
        }
        try {
            // The server's next line may have come with its last flight: inside the transport, where OP_READ will
            // not announce it.
            if (!s.isClosed() && s.transport.hasBufferedInput()) {
                readReplies(s);
            }
        } catch (IOException e) {
            fail(s, e.toString());
        }
    }

    private void readReplies(IdleSession s) throws IOException {
        do {
            in.clear();
            int n = s.transport.read(in);
            if (n < 0) {
                if (s.state == IdleSession.State.QUITTING) {
                    closeQuietly(s);
                } else {
                    fail(s, "server closed the connection in state " + s.state);
                }
                return;
            }
            in.flip();
            long now = System.nanoTime();
            while (in.hasRemaining() && !s.isClosed()) {
                int code = s.replies.parse(in);
                if (code == ReplyParser.NEED_MORE) {
                    break;
                }
                if (code == ReplyParser.MALFORMED) {
                    fail(s, "not an FTP reply in state " + s.state);
                    return;
                }
                onReply(s, code, now);
            }
            if (s.isClosed() || s.state == IdleSession.State.HANDSHAKING) {
                return;
            }
        } while (s.transport.hasBufferedInput());     // TLS records read along with these: OP_READ will not say so
        if (s.transport.hasPendingOutput()) {
            // TLS: reading may owe the server an answer (a KeyUpdate) the socket did not take; flushUnsent sends it.
            s.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
    }

    private void onReply(IdleSession s, int code, long now) {
        switch (s.state) {
            case GREETING -> {
                if (code == 220 && tls != null && !tls.isImplicit()) {
                    s.await(IdleSession.State.AUTH_SENT, now);
                    send(s, AUTH_TLS);
                } else if (code == 220) {
                    s.await(IdleSession.State.USER_SENT, now);
                    send(s, userLine);
                } else if (code / 100 != 1) {               // 120 "ready in n minutes" is followed by 220
                    fail(s, "greeting " + code);
                }
            }
            case AUTH_SENT -> {
                if (code != 234) {
                    fail(s, "AUTH TLS answered " + code);
                    return;
                }
                s.await(IdleSession.State.HANDSHAKING, now);
                tls.secure(s, in);                           // anything after the 234 is the server's TLS
                // The ClientHello goes out from onReady, not from inside the reply loop still reading `in`.
                s.key.interestOps(SelectionKey.OP_WRITE);
            }
            case USER_SENT -> {
                if (code == 331) {
                    s.await(IdleSession.State.PASS_SENT, now);
                    send(s, passLine);
                } else {
                    loggedInOrFail(s, code, now, "USER");
                }
            }
            case PASS_SENT -> loggedInOrFail(s, code, now, "PASS");
            case NOOP_SENT -> {
                if (code != 200) {
                    fail(s, "NOOP answered " + code);
                    return;
                }
                noopsInFlight--;
                tally.noop((now - s.noopSentNs) / 1000, run.noopIntervalNs() / 1000);
                s.state = IdleSession.State.IDLE;
                // Paced, not back-to-back: the next NOOP is due one interval after this one was; if the reply came
                // later than that, it goes out now and the histogram correction accounts for the gap.
                s.nextNoopNs = Math.max(s.nextNoopNs + run.noopIntervalNs(), now);
                schedule(s);
            }
            case QUITTING -> {
                // 221: the server closes next; the EOF closes our side.
            }
            default -> fail(s, "unexpected reply " + code + " in state " + s.state);
        }
    }

    private void loggedInOrFail(IdleSession s, int code, long now, String verb) {
        if (code != 230) {
            fail(s, verb + " answered " + code);
            return;
        }
        s.state = IdleSession.State.IDLE;
        opening--;
        loggedIn++;
        tally.login((now - s.openedNs) / 1000);
    }

    private void send(IdleSession s, byte[] line) {
        try {
            if (s.unsent != null) {
                // Rare: the socket did not take the previous line whole. Keep order by appending.
                ByteBuffer joined = ByteBuffer.allocate(s.unsent.remaining() + line.length);
                s.unsent = joined.put(s.unsent).put(line).flip();
                return;
            }
            out.clear();
            out.put(line).flip();
            s.transport.write(out);
            if (out.hasRemaining()) {
                s.unsent = ByteBuffer.allocate(out.remaining()).put(out).flip();
            }
            if (s.unsent != null || s.transport.hasPendingOutput()) {
                s.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
        } catch (IOException e) {
            fail(s, "write: " + e);
        }
    }

    private void flushUnsent(IdleSession s) throws IOException {
        if (!s.transport.flush()) {
            return;                                          // TLS records still waiting for the socket
        }
        if (s.unsent != null) {
            s.transport.write(s.unsent);
            if (s.unsent.hasRemaining() || s.transport.hasPendingOutput()) {
                return;
            }
            s.unsent = null;
        }
        s.key.interestOps(SelectionKey.OP_READ);
    }

    // ---- failures and timeouts --------------------------------------------------------------------------------

    private void sweep(long now) {
        for (IdleSession s : sessions) {
            if (s.state.isWaiting() && now - s.waitingSinceNs > run.replyTimeoutNs()) {
                if (s.state == IdleSession.State.QUITTING) {
                    closeQuietly(s);
                } else {
                    fail(s, "no reply within " + run.replyTimeoutNs() / 1_000_000_000L + " s in state " + s.state);
                }
            }
        }
        if (!run.isClosing()) {
            sessions.removeIf(IdleSession::isClosed);
        }
    }

    private void fail(IdleSession s, String reason) {
        if (s.isClosed()) {
            return;
        }
        IdleSession.State state = s.state;
        if (state == IdleSession.State.QUITTING) {
            closeQuietly(s);                                   // the run is over; a reset now is no failure
            return;
        }
        if (state.isOpening()) {
            opening--;
            if (state.isConnecting()) {
                tally.failedConnect(reason);
            } else {
                tally.failedLogin(reason);
            }
        } else {
            tally.dropped(reason);
        }
        if (state == IdleSession.State.NOOP_SENT) {
            noopsInFlight--;
        }
        failed++;
        closeQuietly(s);
    }

    private void closeQuietly(IdleSession s) {
        if (s.isScheduled) {
            due.remove(s);
            s.isScheduled = false;
        }
        s.state = IdleSession.State.CLOSED;
        s.transport.close();                                 // TLS: close_notify if the socket takes it at once
    }

    private static void release(CountDownLatch latch, boolean alreadyCounted) {
        if (!alreadyCounted) {
            latch.countDown();
        }
    }
}
