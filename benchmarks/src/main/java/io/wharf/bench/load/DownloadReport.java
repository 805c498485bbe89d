package io.wharf.bench.load;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The outcome of a {@code download} run. The aggregate rate is all bytes over the wall time from the common start
 * to the last session's 226, so one slow session lowers it, as it would for a partner waiting on a batch.
 *
 * @param target  the server (no password)
 * @param path    the file
 * @param upload  the {@code --create} upload, or null
 * @param startNs when every session was released
 * @param results one per session, in session order
 */
record DownloadReport(FtpTarget target, String path, RandomUpload.Result upload, long startNs,
                      DownloadSession.Result[] results) {

    long totalBytes() {
        long total = 0;
        for (DownloadSession.Result r : results) {
            total += r.bytes();
        }
        return total;
    }

    double wallSeconds() {
        long end = startNs;
        for (DownloadSession.Result r : results) {
            end = Math.max(end, r.endNs());
        }
        return (end - startNs) / 1e9;
    }

    double aggregateMibPerSecond() {
        return totalBytes() / ByteSize.MIB / wallSeconds();
    }

    int failures() {
        int failed = 0;
        for (DownloadSession.Result r : results) {
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
        out.println("wharf-bench download  " + target + "  " + path);
        if (upload != null) {
            row(out, "upload (--create)", f("%s in %.2f s = %.1f MiB/s", ByteSize.format(upload.bytes()),
                    upload.seconds(), upload.mibPerSecond()));
        }
        row(out, "sessions", results.length + (failures() > 0 ? "  (" + failures() + " failed)" : ""));
        row(out, "bytes", totalBytes() + "  (" + ByteSize.format(totalBytes()) + ")");
        row(out, "seconds", f("%.3f", wallSeconds()));
        row(out, "aggregate", f("%.1f MiB/s", aggregateMibPerSecond()));
        out.printf("  %-8s %14s %9s %10s  %s%n", "session", "bytes", "seconds", "MiB/s", "status");
        for (int i = 0; i < results.length; i++) {
            DownloadSession.Result r = results[i];
            out.printf(Locale.ROOT, "  %-8d %14d %9.3f %10.1f  %s%n", i, r.bytes(), r.seconds(), r.mibPerSecond(),
                    status(r));
        }
        out.flush();
    }

    JsonWriter json() {
        JsonWriter json = new JsonWriter().beginObject()
                .field("command", "download")
                .field("target", target.toString())
                .field("file", path);
        if (upload != null) {
            json.name("upload").beginObject()
                    .field("bytes", upload.bytes())
                    .field("seconds", upload.seconds())
                    .field("mibPerSecond", upload.mibPerSecond())
                    .endObject();
        }
        json.field("sessions", results.length)
                .field("failures", failures())
                .field("bytes", totalBytes())
                .field("seconds", wallSeconds())
                .field("aggregateMibPerSecond", aggregateMibPerSecond())
                .name("perSession").beginArray();
        for (DownloadSession.Result r : results) {
            json.beginObject()
                    .field("bytes", r.bytes())
                    .field("expectedBytes", r.expectedBytes())
                    .field("seconds", r.seconds())
                    .field("mibPerSecond", r.mibPerSecond())
                    .field("error", r.isComplete() ? null : status(r))
                    .endObject();
        }
        return json.endArray().endObject();
    }

    private static String status(DownloadSession.Result r) {
        if (r.error() != null) {
            return r.error();
        }
        if (!r.isComplete()) {
            return "short: " + r.bytes() + " of " + r.expectedBytes() + " bytes";
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
