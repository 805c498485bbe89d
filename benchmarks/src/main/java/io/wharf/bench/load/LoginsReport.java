package io.wharf.bench.load;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The outcome of a {@code logins} run, as a table for people and as JSON for scripts.
 *
 * @param target           the server (no password)
 * @param requestedSeconds {@code --duration}
 * @param outcome          what the workers measured; one operation is one whole session
 */
record LoginsReport(FtpTarget target, double requestedSeconds, TimedRun.Outcome outcome) {

    void print(PrintWriter out) {
        out.println("wharf-bench logins  " + target + target.tlsNote());
        TimedRun.Outcome.row(out, "workers", outcome.workers()
                + "  (each: connect, 220, USER, PASS, 230, QUIT, 221, server closes; again)");
        outcome.print(out, "sessions", "login, connect to 230", requestedSeconds);
        out.flush();
    }

    /** The {@code --chart} PNG: sessions per second over the run, and the login latency percentiles. */
    void chart(Path png) throws IOException {
        RunChart.timed(png, "wharf-bench logins  " + target + "  " + outcome.workers() + " workers", outcome,
                "connect to 230");
    }

    JsonWriter json() {
        JsonWriter json = new JsonWriter().beginObject()
                .field("command", "logins")
                .field("target", target.toString());
        target.tlsJson(json);
        json.field("requestedSeconds", requestedSeconds);
        outcome.json(json, "sessions", "loginUs");
        return json.endObject();
    }
}
