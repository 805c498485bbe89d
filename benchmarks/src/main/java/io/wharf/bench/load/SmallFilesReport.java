package io.wharf.bench.load;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The outcome of a {@code small-files} run, as a table for people and as JSON for scripts.
 *
 * @param target           the server (no password)
 * @param isUpload         STOR instead of RETR
 * @param isPasv           PASV instead of EPSV
 * @param file             the file every session fetched, or the name pattern of the files they stored
 * @param size             bytes per file
 * @param requestedSeconds {@code --duration}
 * @param outcome          what the sessions measured
 * @param cleanup          what happened to the files afterwards
 */
record SmallFilesReport(FtpTarget target, boolean isUpload, boolean isPasv, String file, long size,
                        double requestedSeconds, TimedRun.Outcome outcome, String cleanup) {

    double mibPerSecond() {
        return outcome.completed() * size / ByteSize.MIB / Math.max(outcome.seconds(), 1e-9);
    }

    void print(PrintWriter out) {
        out.println("wharf-bench small-files  " + target + target.tlsNote());
        TimedRun.Outcome.row(out, "transfer", (isUpload ? "STOR " : "RETR ") + ByteSize.format(size) + "  " + file
                + "  via " + passive());
        TimedRun.Outcome.row(out, "sessions", outcome.workers() + (outcome.lost() > 0
                ? "  (" + outcome.lost() + " stopped early: could not log in again)" : ""));
        outcome.print(out, "files", "latency, " + passive() + " to 226", requestedSeconds);
        TimedRun.Outcome.row(out, "payload", String.format(Locale.ROOT, "%.1f MiB/s", mibPerSecond()));
        TimedRun.Outcome.row(out, "files afterwards", cleanup);
        out.flush();
    }

    JsonWriter json() {
        JsonWriter json = new JsonWriter().beginObject()
                .field("command", "small-files")
                .field("target", target.toString());
        target.tlsJson(json);
        json.field("direction", isUpload ? "up" : "down")
                .field("passive", passive())
                .field("file", file)
                .field("fileBytes", size)
                .field("requestedSeconds", requestedSeconds);
        outcome.json(json, "files", "latencyUs");
        return json.field("mibPerSecond", mibPerSecond())
                .field("cleanup", cleanup)
                .endObject();
    }

    /** The {@code --chart} PNG: files per second over the run, and the transfer latency percentiles. */
    void chart(Path png) throws IOException {
        RunChart.timed(png, String.format(Locale.ROOT, "wharf-bench small-files  %s  %s %s, %d sessions", target,
                isUpload ? "STOR" : "RETR", ByteSize.format(size), outcome.workers()), outcome,
                passive() + " to 226");
    }

    private String passive() {
        return isPasv ? "PASV" : "EPSV";
    }
}
