package io.wharf.bench.load;

import static io.wharf.bench.load.TransferTotals.f;
import static io.wharf.bench.load.TransferTotals.row;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The outcome of a {@code download} run. The aggregate rate is all bytes over the wall time from the common start
 * to the last session's 226, so one slow session lowers it, as it would for a partner waiting on a batch.
 *
 * @param target   the server (no password)
 * @param path     the file
 * @param upload   the {@code --create} upload, or null
 * @param startNs  when every session was released
 * @param results  one per session, in session order
 * @param timeline MiB/s over all sessions, once a second
 */
record DownloadReport(FtpTarget target, String path, RandomUpload.Result upload, long startNs,
                      DownloadSession.Result[] results, Timeline.Rates timeline) {

    private TransferTotals totals() {
        return new TransferTotals(startNs, results);
    }

    boolean isComplete() {
        return totals().failures() == 0;
    }

    void print(PrintWriter out) {
        TransferTotals totals = totals();
        out.println("wharf-bench download  " + target + "  " + path + target.tlsNote());
        if (upload != null) {
            row(out, "upload (--create)", f("%s in %.2f s = %.1f MiB/s", ByteSize.format(upload.bytes()),
                    upload.seconds(), upload.mibPerSecond()));
        }
        row(out, "sessions", results.length + (totals.failures() > 0 ? "  (" + totals.failures() + " failed)" : ""));
        row(out, "bytes", totals.totalBytes() + "  (" + ByteSize.format(totals.totalBytes()) + ")");
        row(out, "seconds", f("%.3f", totals.wallSeconds()));
        row(out, "aggregate", f("%.1f MiB/s", totals.aggregateMibPerSecond()));
        totals.printSessions(out);
        out.flush();
    }

    JsonWriter json() {
        TransferTotals totals = totals();
        JsonWriter json = new JsonWriter().beginObject()
                .field("command", "download")
                .field("target", target.toString())
                .field("file", path);
        target.tlsJson(json);
        if (upload != null) {
            json.name("upload").beginObject()
                    .field("bytes", upload.bytes())
                    .field("seconds", upload.seconds())
                    .field("mibPerSecond", upload.mibPerSecond())
                    .endObject();
        }
        json.field("sessions", results.length)
                .field("failures", totals.failures())
                .field("bytes", totals.totalBytes())
                .field("seconds", totals.wallSeconds())
                .field("aggregateMibPerSecond", totals.aggregateMibPerSecond())
                .name("perSession").beginArray();
        for (DownloadSession.Result r : results) {
            json.beginObject()
                    .field("bytes", r.bytes())
                    .field("expectedBytes", r.expectedBytes())
                    .field("seconds", r.seconds())
                    .field("mibPerSecond", r.mibPerSecond())
                    .field("error", r.isComplete() ? null : r.status())
                    .endObject();
        }
        json.endArray();
        timeline.json(json);
        return json.endObject();
    }

    /** The {@code --chart} PNG: MiB/s over time, and each session's MiB/s. */
    void chart(Path png) throws IOException {
        RunChart.transfer(png, "wharf-bench download  " + target + "  " + results.length + " x RETR " + path,
                timeline, results);
    }
}
