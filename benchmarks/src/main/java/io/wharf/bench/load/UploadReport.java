package io.wharf.bench.load;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The outcome of an {@code upload} run. The aggregate rate is all bytes over the wall time from the common start
 * to the last session's 226, so one slow session lowers it, as it would for a partner waiting on a batch.
 *
 * @param target  the server (no password)
 * @param size    bytes each session sent
 * @param isKept  whether the files were left on the server
 * @param startNs when every session was released
 * @param results one per session, in session order
 * @param cpu     this generator's own CPU use over the transfers
 */
record UploadReport(FtpTarget target, long size, boolean isKept, long startNs, UploadSession.Result[] results,
                    GeneratorCpu.Usage cpu) {

    long totalBytes() {
        long total = 0;
        for (UploadSession.Result r : results) {
            total += r.bytes();
        }
        return total;
    }

    double wallSeconds() {
        long end = startNs;
        for (UploadSession.Result r : results) {
            end = Math.max(end, r.endNs());
        }
        return (end - startNs) / 1e9;
    }

    double aggregateMibPerSecond() {
        return totalBytes() / ByteSize.MIB / wallSeconds();
    }

    int failures() {
        int failed = 0;
        for (UploadSession.Result r : results) {
            if (!r.isComplete()) {
                failed++;
            }
        }
        return failed;
    }

    boolean isComplete() {
        return failures() == 0;
    }

    void print(PrintWriter out) {
        out.println("wharf-bench upload  " + target);
        row(out, "sessions", results.length + (failures() > 0 ? "  (" + failures() + " failed)" : ""));
        row(out, "file size", ByteSize.format(size) + " per session" + (isKept ? ", kept" : ", deleted afterwards"));
        row(out, "bytes", totalBytes() + "  (" + ByteSize.format(totalBytes()) + ")");
        row(out, "seconds", f("%.3f", wallSeconds()));
        row(out, "aggregate", f("%.1f MiB/s", aggregateMibPerSecond()));
        row(out, "generator CPU", cpu.describe());
        out.printf("  %-8s %14s %9s %10s  %s%n", "session", "bytes", "seconds", "MiB/s", "status");
        for (int i = 0; i < results.length; i++) {
            UploadSession.Result r = results[i];
            out.printf(Locale.ROOT, "  %-8d %14d %9.3f %10.1f  %s%n", i, r.bytes(), r.seconds(), r.mibPerSecond(),
                    status(r));
        }
        out.flush();
    }

    JsonWriter json() {
        JsonWriter json = new JsonWriter().beginObject()
                .field("command", "upload")
                .field("target", target.toString())
                .field("sessions", results.length)
                .field("fileBytes", size)
                .name("kept").value(isKept)
                .field("failures", failures())
                .field("bytes", totalBytes())
                .field("seconds", wallSeconds())
                .field("aggregateMibPerSecond", aggregateMibPerSecond());
        cpu.json(json.name("generatorCpu"));
        json.name("perSession").beginArray();
        for (UploadSession.Result r : results) {
            json.beginObject()
                    .field("path", r.path())
                    .field("bytes", r.bytes())
                    .field("storedBytes", r.storedBytes())
                    .field("seconds", r.seconds())
                    .field("mibPerSecond", r.mibPerSecond())
                    .name("deleted").value(r.isDeleted())
                    .field("error", r.isComplete() ? null : status(r))
                    .endObject();
        }
        return json.endArray().endObject();
    }

    private static String status(UploadSession.Result r) {
        if (r.error() != null) {
            return r.error();
        }
        if (r.bytes() != r.expectedBytes()) {
            return "short: sent " + r.bytes() + " of " + r.expectedBytes() + " bytes";
        }
        if (r.storedBytes() != r.expectedBytes()) {
            return "server has " + (r.storedBytes() < 0 ? "no SIZE" : r.storedBytes() + " bytes") + " for "
                    + r.path();
        }
        return "ok";
    }

    private static void row(PrintWriter out, String label, String value) {
        out.printf("  %-20s %s%n", label, value);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
