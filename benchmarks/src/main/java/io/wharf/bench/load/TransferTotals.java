package io.wharf.bench.load;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Totals over the sessions of one bulk transfer run, and the per-session table both {@code download} and
 * {@code upload} print.
 *
 * @param startNs when every session was released, {@link System#nanoTime()}
 * @param results one per session
 */
record TransferTotals(long startNs, TransferResult[] results) {

    long totalBytes() {
        long total = 0;
        for (TransferResult r : results) {
            total += r.bytes();
        }
        return total;
    }

    /** From the common start to the last session's end: the aggregate rate's denominator. */
    double wallSeconds() {
        long end = startNs;
        for (TransferResult r : results) {
            end = Math.max(end, r.endNs());
        }
        return (end - startNs) / 1e9;
    }

    double aggregateMibPerSecond() {
        return totalBytes() / ByteSize.MIB / wallSeconds();
    }

    int failures() {
        int failed = 0;
        for (TransferResult r : results) {
            if (!r.isComplete()) {
                failed++;
            }
        }
        return failed;
    }

    /** One line per session: bytes, seconds, MiB/s and status. */
    void printSessions(PrintWriter out) {
        out.printf("  %-8s %14s %9s %10s  %s%n", "session", "bytes", "seconds", "MiB/s", "status");
        for (int i = 0; i < results.length; i++) {
            TransferResult r = results[i];
            out.printf(Locale.ROOT, "  %-8d %14d %9.3f %10.1f  %s%n", i, r.bytes(), r.seconds(), r.mibPerSecond(),
                    r.status());
        }
    }

    /** A labelled summary line, aligned with the other reports' rows. */
    static void row(PrintWriter out, String label, String value) {
        out.printf("  %-20s %s%n", label, value);
    }

    /** {@link String#format} in the root locale: a decimal point, whatever the machine's language. */
    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
