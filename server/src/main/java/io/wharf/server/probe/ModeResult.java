package io.wharf.server.probe;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of the report: a data mode, plain or encrypted, and how it fared.
 *
 * @param mode           PASV, EPSV, PORT or EPRT
 * @param tls            whether the row used TLS (control encrypted, PROT P)
 * @param outcome        works, works via the control address, failed, or skipped
 * @param time           from the mode command to the final reply of the listing, or null if it never got there
 * @param findings       why it failed, or why it works only with help; empty when it simply works
 * @param dataAddresses  every address the probe connected to (passive) or listened at (active), in order; the
 *                       evidence that an unreachable 227 address was never touched
 */
public record ModeResult(DataMode mode, boolean tls, Outcome outcome, Duration time, List<Finding> findings,
        List<InetSocketAddress> dataAddresses) {

    /** Copies the lists. */
    public ModeResult {
        findings = List.copyOf(findings);
        dataAddresses = List.copyOf(dataAddresses);
    }

    /** {@code PASV} or {@code TLS PASV}: the row's name in the table. */
    public String label() {
        return (tls ? "TLS " : "") + mode;
    }

    /** The diagnosis codes, in order. */
    public List<Diagnosis> diagnoses() {
        List<Diagnosis> codes = new ArrayList<>(findings.size());
        for (Finding finding : findings) {
            codes.add(finding.diagnosis());
        }
        return codes;
    }
}
