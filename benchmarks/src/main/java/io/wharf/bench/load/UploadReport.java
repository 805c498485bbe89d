package io.wharf.bench.load;

import static io.wharf.bench.load.TransferTotals.f;
import static io.wharf.bench.load.TransferTotals.row;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The outcome of an {@code upload} run. The aggregate rate is all bytes over the wall time from the common start
 * to the last session's 226, so one slow session lowers it, as it would for a partner waiting on a batch.
 *
 * @param target   the server (no password)
 * @param size     bytes each session sent
 * @param isKept   whether the files were left on the server
 * @param startNs  when every session was released
 * @param results  one per session, in session order
 * @param cpu      this generator's own CPU use over the transfers
 * @param timeline MiB/s over all sessions, once a second
 */
record UploadReport(FtpTarget target, long size, boolean isKept, long startNs, UploadSession.Result[] results,
                    GeneratorCpu.Usage cpu, Timeline.Rates timeline) {

    private TransferTotals totals() {
        return new TransferTotals(startNs, results);
    }

    boolean isComplete() {
        return totals().failures() == 0;
    }

    void print(PrintWriter out) {
        TransferTotals totals = totals();
        out.println("wharf-bench upload  " + target + target.tlsNote());
        row(out, "sessions", results.length + (totals.failures() > 0 ? "  (" + totals.failures() + " failed)" : ""));
        row(out, "file size", ByteSize.format(size) + " per session" + (isKept ? ", kept" : ", deleted afterwards"));
        row(out, "bytes", totals.totalBytes() + "  (" + ByteSize.format(totals.totalBytes()) + ")");
        row(out, "seconds", f("%.3f", totals.wallSeconds()));
        row(out, "aggregate", f("%.1f MiB/s", totals.aggregateMibPerSecond()));
        row(out, "generator CPU", cpu.describe());
        totals.printSessions(out);
        out.flush();
    }

    JsonWriter json() {
        TransferTotals totals = totals();
        JsonWriter json = new JsonWriter().beginObject()
                .field("command", "upload")
                .field("target", target.toString());
        target.tlsJson(json);
        json.field("sessions", results.length)
                .field("fileBytes", size)
                .name("kept").value(isKept)
                .field("failures", totals.failures())
                .field("bytes", totals.totalBytes())
                .field("seconds", totals.wallSeconds())
                .field("aggregateMibPerSecond", totals.aggregateMibPerSecond());
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
                    .field("error", r.isComplete() ? null : r.status())
                    .endObject();
        }
        json.endArray();
        timeline.json(json);
        return json.endObject();
    }

    /** The {@code --chart} PNG: MiB/s over time, and each session's MiB/s. */
    void chart(Path png) throws IOException {
        RunChart.transfer(png, "wharf-bench upload  " + target + "  " + results.length + " x STOR "
                + ByteSize.format(size), timeline, results);
    }
}
