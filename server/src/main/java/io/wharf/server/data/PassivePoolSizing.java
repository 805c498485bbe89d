package io.wharf.server.data;

import java.util.Optional;

/**
 * Start-up warning about a passive range that is small for the session limit.
 *
 * <p>A session holds a passive port only from PASV or EPSV until its data connection is accepted (or the
 * data-connect timeout ends the wait, or a new PASV or the session's end gives it back): {@link PassiveListener}
 * returns the port as soon as the connection arrives, and the transfer goes on without it. So the pool does not cap
 * transfers; it caps how many sessions can be waiting for a data connection at the same moment, and the next one
 * gets {@code 425}. One port per ten allowed sessions leaves room for bursts of partner jobs that all list or fetch
 * at once; fewer is worth a warning, not an error, since a server rarely runs at its session limit.
 */
public final class PassivePoolSizing {

    /** Allowed sessions per passive port before the range counts as small. */
    static final int SESSIONS_PER_PORT = 10;
    /** Passive ports are 1024-65535. */
    private static final int MAX_PORTS = 65535 - 1024 + 1;

    private PassivePoolSizing() {
    }

    /**
     * @param listener    the listener's name
     * @param ports       how many passive ports it has
     * @param maxSessions {@code limits.max-sessions}
     * @return a one-line warning when {@code ports * 10 < maxSessions}, else empty
     */
    public static Optional<String> warning(String listener, int ports, int maxSessions) {
        if ((long) ports * SESSIONS_PER_PORT >= maxSessions) {
            return Optional.empty();
        }
        long enough = ((long) maxSessions + SESSIONS_PER_PORT - 1) / SESSIONS_PER_PORT;
        long fewerSessions = (long) ports * SESSIONS_PER_PORT;
        String remedy = enough <= MAX_PORTS
                ? "A passive.ports range of at least " + enough + " ports stops this warning (or limits.max-sessions"
                        + " of at most " + fewerSessions + ")"
                : "No passive range holds " + enough + " ports; limits.max-sessions of at most " + fewerSessions
                        + " stops this warning";
        return Optional.of("listener " + listener + ": " + ports + " passive ports for up to " + maxSessions
                + " sessions (limits.max-sessions). A session holds a passive port from PASV or EPSV until its data"
                + " connection arrives (at most limits.data-connect-timeout), so no more than " + ports
                + " sessions can wait for a data connection at once and the next get 425 replies. " + remedy
                + "; the whole range must be open on the firewall (and forwarded, behind NAT).");
    }
}
