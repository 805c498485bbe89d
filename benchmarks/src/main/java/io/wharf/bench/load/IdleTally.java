package io.wharf.bench.load;

import org.HdrHistogram.Histogram;

/**
 * The numbers of one {@link IdleLoop}, and after {@link #add}, of a whole run. Single-threaded: each loop owns its
 * tally, and the coordinator merges them after the loop threads have ended.
 */
final class IdleTally {

    private final long maxUs;
    private final Histogram noopUs;
    private final Histogram loginUs;
    private int held;
    private int failedConnect;
    private int failedLogin;
    private int dropped;
    private long maxLagNs;
    private String firstFailure;
    private Throwable fatal;

    IdleTally(long maxUs) {
        this.maxUs = maxUs;
        this.noopUs = new Histogram(maxUs, 3);
        this.loginUs = new Histogram(maxUs, 3);
    }

    /** One NOOP round trip, from a sender paced at {@code intervalUs}. */
    void noop(long latencyUs, long intervalUs) {
        // Clamped: HdrHistogram throws on values past its range (HdrHistogram#96).
        noopUs.recordValueWithExpectedInterval(Math.min(latencyUs, maxUs), intervalUs);
    }

    /** Connect to 230, for one session. */
    void login(long latencyUs) {
        loginUs.recordValue(Math.min(latencyUs, maxUs));
    }

    /** How late the loop sent a NOOP that was due; large values mean the client, not the server, was slow. */
    void lag(long lateNs) {
        maxLagNs = Math.max(maxLagNs, lateNs);
    }

    void countHeld() {
        held++;
    }

    void failedConnect(String reason) {
        failedConnect++;
        remember(reason);
    }

    void failedLogin(String reason) {
        failedLogin++;
        remember(reason);
    }

    void dropped(String reason) {
        dropped++;
        remember(reason);
    }

    void fatal(Throwable cause) {
        if (fatal == null) {
            fatal = cause;
        }
        remember("loop stopped: " + cause);
    }

    private void remember(String reason) {
        if (firstFailure == null) {
            firstFailure = reason;
        }
    }

    /** Adds {@code other}'s numbers to this tally. */
    void add(IdleTally other) {
        noopUs.add(other.noopUs);
        loginUs.add(other.loginUs);
        held += other.held;
        failedConnect += other.failedConnect;
        failedLogin += other.failedLogin;
        dropped += other.dropped;
        maxLagNs = Math.max(maxLagNs, other.maxLagNs);
        if (firstFailure == null) {
            firstFailure = other.firstFailure;
        }
        if (fatal == null) {
            fatal = other.fatal;
        }
    }

    Histogram noopUs() {
        return noopUs;
    }

    Histogram loginUs() {
        return loginUs;
    }

    int held() {
        return held;
    }

    int failedConnect() {
        return failedConnect;
    }

    int failedLogin() {
        return failedLogin;
    }

    int dropped() {
        return dropped;
    }

    int failures() {
        return failedConnect + failedLogin + dropped;
    }

    long maxLagNs() {
        return maxLagNs;
    }

    /** The first failure's description, or null. */
    String firstFailure() {
        return firstFailure;
    }

    /** A loop that died, or null. */
    Throwable fatal() {
        return fatal;
    }
}
