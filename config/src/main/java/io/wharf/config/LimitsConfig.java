package io.wharf.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Server-wide resource limits and timeouts.
 *
 * <p>The loader also bounds {@code maxCommandLineBytes} to 512-1048576 and each duration to at most 8760h; this
 * constructor only rejects values that cannot work, so tests may use tiny limits such as a 100 ms login timeout.
 *
 * @param maxSessions         the most control connections open at once; further connections get 421 and are closed
 * @param idleTimeout         how long a session may wait between commands before it is closed with 421
 * @param loginTimeout        how long a new connection has to complete USER/PASS
 * @param dataConnectTimeout  how long to wait for the data connection after PASV, EPSV or PORT
 * @param maxCommandLineBytes the longest command line accepted, CRLF included; longer lines get 500
 */
public record LimitsConfig(int maxSessions, Duration idleTimeout, Duration loginTimeout,
                           Duration dataConnectTimeout, int maxCommandLineBytes) {

    /**
     * @throws IllegalArgumentException if a count is below 1 or a duration is not positive
     */
    public LimitsConfig {
        if (maxSessions < 1) {
            throw new IllegalArgumentException("maxSessions " + maxSessions + " is below 1");
        }
        if (maxCommandLineBytes < 1) {
            throw new IllegalArgumentException("maxCommandLineBytes " + maxCommandLineBytes + " is below 1");
        }
        requirePositive(idleTimeout, "idleTimeout");
        requirePositive(loginTimeout, "loginTimeout");
        requirePositive(dataConnectTimeout, "dataConnectTimeout");
    }

    /**
     * The defaults, used for every key missing from the {@code limits} section.
     *
     * @return 10000 sessions, 300 s idle, 60 s login, 30 s data connect, 4096-byte command lines
     */
    public static LimitsConfig defaults() {
        return new LimitsConfig(10_000, Duration.ofSeconds(300), Duration.ofSeconds(60), Duration.ofSeconds(30), 4096);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " " + duration + " is not positive");
        }
    }
}
