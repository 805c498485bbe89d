package io.wharf.server.probe;

import java.time.Duration;
import java.util.List;

/**
 * Everything a probe found, for {@link ProbeTable} to print and tests to check.
 *
 * @param target      what was probed (its password is never shown)
 * @param server      the address the host name resolved to and every connection used, as text, or null
 * @param connectTime how long the first control connection took, or null if it failed
 * @param greeting    the server's greeting, or null
 * @param tls         the control connection's TLS handshake (the first one made), or null without TLS
 * @param features    the FEAT lines (trimmed, without the 211 lines), or null if FEAT was refused
 * @param login       the reply that ended the login (230, or the refusal), or null
 * @param loginTime   USER to that reply, or null
 * @param rows        one result per data mode tried, in the order tried
 * @param fatal       why the probe stopped before any data mode (connect, greeting, TLS, login), or null
 */
public record ProbeReport(ProbeTarget target, String server, Duration connectTime, Reply greeting, TlsDetails tls,
        List<String> features, Reply login, Duration loginTime, List<ModeResult> rows, String fatal) {

    /** Exit code: the probe ran and at least one data mode works. */
    public static final int SOME_MODE_WORKS = 0;
    /** Exit code: no data mode works, or the control connection or login failed. */
    public static final int NOTHING_WORKS = 1;

    /** Copies the lists. */
    public ProbeReport {
        features = features == null ? null : List.copyOf(features);
        rows = List.copyOf(rows);
    }

    /** Number of rows whose mode works (with or without the control-address fallback). */
    public long workingModes() {
        return rows.stream().filter(row -> row.outcome().works()).count();
    }

    /** Number of rows actually tried (not skipped). */
    public long triedModes() {
        return rows.stream().filter(row -> row.outcome() != Outcome.SKIPPED).count();
    }

    /** 0 when at least one data mode works, else 1. */
    public int exitCode() {
        return fatal == null && workingModes() > 0 ? SOME_MODE_WORKS : NOTHING_WORKS;
    }

    /** The row for {@code mode}, plain or encrypted; throws if there is none. */
    public ModeResult row(DataMode mode, boolean encrypted) {
        for (ModeResult row : rows) {
            if (row.mode() == mode && row.tls() == encrypted) {
                return row;
            }
        }
        throw new IllegalArgumentException("no " + (encrypted ? "TLS " : "") + mode + " row in " + rows);
    }
}
