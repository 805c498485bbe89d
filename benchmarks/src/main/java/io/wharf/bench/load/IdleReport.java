package io.wharf.bench.load;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The outcome of an {@code idle} run, as a table for people and as JSON for scripts.
 *
 * @param target         the server (no password)
 * @param requested      sessions asked for
 * @param tally          merged numbers of all loops
 * @param openSeconds    from the first connect until every session was logged in or had failed
 * @param inFlight       connects and logins allowed at once
 * @param loops          selector threads
 * @param sources        the source addresses used
 * @param holdSeconds    length of the NOOP phase
 * @param intervalMs     NOOP period per session
 * @param server         the probed server process, or null without {@code --pid}
 * @param before         server memory before the first connect, or null
 * @param during         server memory with all sessions held, or null
 * @param opening        logins per second during the open phase, once a second
 */
record IdleReport(FtpTarget target, int requested, IdleTally tally, double openSeconds, int inFlight, int loops,
                  SourceAddresses sources, double holdSeconds, long intervalMs, ProcessProbe server,
                  ProcessProbe.Memory before, ProcessProbe.Memory during, Timeline.Rates opening) {

    void print(PrintWriter out) {
        Histogram noop = tally.noopUs();
        Histogram login = tally.loginUs();
        out.println("wharf-bench idle  " + target + target.tlsNote());
        row(out, "sessions requested", Integer.toString(requested));
        row(out, "sessions held", tally.held() + "  (logged in and still open at the end of the hold)");
        row(out, "failures", tally.failures() + "  (connect " + tally.failedConnect() + ", login "
                + tally.failedLogin() + ", dropped while held " + tally.dropped() + ")");
        if (tally.firstFailure() != null) {
            row(out, "first failure", tally.firstFailure());
        }
        row(out, "open phase", f("%.1f s, %.0f sessions/s, %d in flight, %d loops", openSeconds,
                (login.getTotalCount() + tally.failedConnect() + tally.failedLogin()) / Math.max(openSeconds, 1e-9),
                inFlight, loops));
        row(out, "source addresses", sources.describe());
        row(out, "login, connect to 230", Percentiles.text(login, new double[] {50, 99}));
        row(out, "NOOP round trips", f("%d over %.0f s, one per session every %d ms", noop.getTotalCount(),
                holdSeconds, intervalMs));
        row(out, "NOOP round trip", Percentiles.text(noop, Percentiles.STANDARD));
        row(out, "client send lag, max", Percentiles.micros(tally.maxLagNs() / 1000)
                + "  (how late this client sent a due NOOP; large means the client was the bottleneck)");
        if (server != null) {
            row(out, "server pid", Long.toString(server.pid()));
            String tree = during.processes() > 1 ? f("  (%d processes: the server and its children)",
                    during.processes()) : "";
            row(out, "server RSS", memory(before.rssKiB()) + " before, " + memory(during.rssKiB()) + " held" + tree);
            row(out, "  growth per session", perSession(before.rssKiB(), during.rssKiB(), "RSS"));
            row(out, "server PSS", memory(before.pssKiB()) + " before, " + memory(during.pssKiB()) + " held");
            row(out, "  growth per session", perSession(before.pssKiB(), during.pssKiB(), "PSS"));
            row(out, "server heap used", memory(before.heapUsedKiB()) + " before, "
                    + memory(during.heapUsedKiB()) + " held  (jcmd GC.heap_info; includes uncollected garbage)");
        }
        out.flush();
    }

    JsonWriter json() {
        JsonWriter json = new JsonWriter().beginObject()
                .field("command", "idle")
                .field("target", target.toString());
        target.tlsJson(json);
        json.field("sessionsRequested", requested)
                .field("sessionsHeld", tally.held())
                .name("failures").beginObject()
                .field("connect", tally.failedConnect())
                .field("login", tally.failedLogin())
                .field("dropped", tally.dropped())
                .field("first", tally.firstFailure())
                .endObject()
                .field("openSeconds", openSeconds)
                .field("inFlight", inFlight)
                .field("loops", loops)
                .field("sourceAddresses", sources.describe())
                .field("holdSeconds", holdSeconds)
                .field("noopIntervalMs", intervalMs)
                .field("clientMaxLagUs", tally.maxLagNs() / 1000);
        Percentiles.json(json.name("loginUs"), tally.loginUs());
        Percentiles.json(json.name("noopUs"), tally.noopUs());
        if (server != null) {
            json.name("server").beginObject()
                    .field("pid", server.pid())
                    .field("rssKiBBefore", before.rssKiB())
                    .field("rssKiBHeld", during.rssKiB())
                    .field("pssKiBBefore", before.pssKiB())
                    .field("pssKiBHeld", during.pssKiB())
                    .field("processesHeld", during.processes())
                    .field("heapUsedKiBBefore", before.heapUsedKiB())
                    .field("heapUsedKiBHeld", during.heapUsedKiB())
                    .endObject();
        }
        opening.json(json);
        return json.endObject();
    }

    /** The {@code --chart} PNG: logins per second while opening, and the NOOP and login latency percentiles. */
    void chart(Path png) throws IOException {
        RunChart.idle(png, "wharf-bench idle  " + target + "  " + requested + " sessions", opening, tally);
    }

    private static String memory(long kib) {
        return kib < 0 ? "n/a" : f("%.1f MiB", kib / 1024.0);
    }

    private String perSession(long beforeKiB, long duringKiB, String what) {
        if (beforeKiB < 0 || duringKiB < 0 || tally.held() == 0) {
            return "n/a";
        }
        // Logins make a server allocate, and a heap grows for that too; say so beside the number.
        return f("%+.1f KiB  (%s growth / sessions held; includes memory grown during the logins)",
                (duringKiB - beforeKiB) / (double) tally.held(), what);
    }

    private static void row(PrintWriter out, String label, String value) {
        out.printf("  %-24s %s%n", label, value);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
