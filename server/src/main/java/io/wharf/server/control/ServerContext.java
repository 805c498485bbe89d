package io.wharf.server.control;

import io.wharf.config.LimitsConfig;
import io.wharf.server.auth.Authenticator;
import io.wharf.server.reactor.BlockingWorkers;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every session of a server shares, read-only after start (except the session count). Limits are copied into
 * final fields once, so the per-command path never goes back to the config records.
 */
public final class ServerContext {

    private final CommandTable commands;
    private final Authenticator authenticator;
    private final BlockingWorkers files;
    private final BlockingWorkers tlsTasks;
    private final int maxSessions;
    private final int maxLineBytes;
    private final long idleTimeoutNs;
    private final long loginTimeoutNs;
    private final long dataConnectTimeoutNs;
    private final AtomicInteger sessions = new AtomicInteger();

    /** Builds the context from the configured limits. */
    public ServerContext(CommandTable commands, Authenticator authenticator, BlockingWorkers files,
                         BlockingWorkers tlsTasks, LimitsConfig limits) {
        this.commands = commands;
        this.authenticator = authenticator;
        this.files = files;
        this.tlsTasks = tlsTasks;
        this.maxSessions = limits.maxSessions();
        this.maxLineBytes = limits.maxCommandLineBytes();
        this.idleTimeoutNs = limits.idleTimeout().toNanos();
        this.loginTimeoutNs = limits.loginTimeout().toNanos();
        this.dataConnectTimeoutNs = limits.dataConnectTimeout().toNanos();
    }

    /** The verbs this server implements. */
    public CommandTable commands() {
        return commands;
    }

    /** Password checking, off the loops. */
    public Authenticator authenticator() {
        return authenticator;
    }

    /** Workers for blocking file work (hashing, copying), off the loops. */
    public BlockingWorkers files() {
        return files;
    }

    /** Workers for TLS handshake tasks (key exchange, signatures), off the loops. */
    public BlockingWorkers tlsTasks() {
        return tlsTasks;
    }

    /** Longest control line accepted. */
    public int maxLineBytes() {
        return maxLineBytes;
    }

    /** Idle time after which a logged-in session is closed. */
    public long idleTimeoutNs() {
        return idleTimeoutNs;
    }

    /** Time a connection has to log in. */
    public long loginTimeoutNs() {
        return loginTimeoutNs;
    }

    /** Time a passive listener waits for its data connection. */
    public long dataConnectTimeoutNs() {
        return dataConnectTimeoutNs;
    }

    /** Any thread. Claims a session slot; false when the server is full. */
    public boolean tryOpenSession() {
        while (true) {
            int current = sessions.get();
            if (current >= maxSessions) {
                return false;
            }
            if (sessions.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /** Any thread. Returns a slot claimed by {@link #tryOpenSession}. */
    public void sessionClosed() {
        sessions.decrementAndGet();
    }

    /** Sessions open now. */
    public int sessions() {
        return sessions.get();
    }
}
