package io.wharf.bench.load;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The outcome of a {@code mixed} run, as a table for people and as JSON for scripts: the figures every timed run
 * has, over all operations, then a row per kind in the mix.
 *
 * @param target           the server (no password)
 * @param mix              the weights the sessions picked by
 * @param tlsTarget        with {@code --tls-share}: the target the encrypted share used, else null
 * @param tlsSessions      how many sessions that share was
 * @param tree             the files they worked on
 * @param isPasv           PASV instead of EPSV
 * @param seed             {@code --seed}
 * @param requestedSeconds {@code --duration}
 * @param outcome          what the sessions measured together
 * @param tally            the same by kind
 * @param cleanup          what happened to the files afterwards
 */
record MixedReport(FtpTarget target, FtpTarget tlsTarget, int tlsSessions, OperationMix mix, MixedTree tree,
                   boolean isPasv, long seed, double requestedSeconds, TimedRun.Outcome outcome, MixedTally tally,
                   String cleanup) {

    private static final String ROW = "  %-10s %6s %9s %9s %9s %7s %10s %10s %10s%n";

    void print(PrintWriter out) {
        out.println("wharf-bench mixed  " + target + target.tlsNote());
        if (tlsTarget != null) {
            TimedRun.Outcome.row(out, "tls share", tlsSessions + " of " + outcome.workers()
                    + " sessions over explicit FTPS" + tlsTarget.tlsNote());
        }
        TimedRun.Outcome.row(out, "mix", mix + "  (seed " + seed + ", via " + passive() + ")");
        TimedRun.Outcome.row(out, "files", tree.describe());
        TimedRun.Outcome.row(out, "sessions", outcome.workers() + (outcome.lost() > 0
                ? "  (" + outcome.lost() + " stopped early: could not log in again)" : ""));
        outcome.print(out, "ops", "latency, all kinds", requestedSeconds);
        TimedRun.Outcome.row(out, "payload", String.format(Locale.ROOT, "%.1f MiB/s  (%s)",
                mibPerSecond(tally.bytes()), ByteSize.format(tally.bytes())));
        TimedRun.Outcome.row(out, "files afterwards", cleanup);
        out.println();
        out.printf(Locale.ROOT, ROW, "kind", "mix", "ops", "ops/s", "MiB/s", "failed", "p50", "p99", "max");
        for (MixedOp op : MixedOp.ALL) {
            if (mix.includes(op)) {
                Histogram h = tally.latencyUs(op);
                boolean isEmpty = h.getTotalCount() == 0;
                out.printf(Locale.ROOT, ROW, op.label(), String.format(Locale.ROOT, "%.1f%%", 100 * mix.share(op)),
                        tally.completed(op), String.format(Locale.ROOT, "%.1f", perSecond(tally.completed(op))),
                        String.format(Locale.ROOT, "%.1f", mibPerSecond(tally.bytes(op))), tally.failed(op),
                        isEmpty ? "-" : Percentiles.micros(h.getValueAtPercentile(50)),
                        isEmpty ? "-" : Percentiles.micros(h.getValueAtPercentile(99)),
                        isEmpty ? "-" : Percentiles.micros(h.getMaxValue()));
            }
        }
        out.flush();
    }

    JsonWriter json() {
        JsonWriter json = new JsonWriter().beginObject()
                .field("command", "mixed")
                .field("target", target.toString());
        target.tlsJson(json);
        json.field("tlsSessions", target.tls() != null ? outcome.workers() : tlsSessions);
        if (tlsTarget != null) {
            tlsTarget.tls().json(json.name("tlsShare"));
        }
        json                .field("mix", mix.toString())
                .field("seed", seed)
                .field("passive", passive())
                .field("directory", tree.dir())
                .field("listEntries", tree.listEntries())
                .field("smallBytesMin", tree.smallSizes().min())
                .field("smallBytesMax", tree.smallSizes().max())
                .field("largeBytes", tree.largeSize())
                .field("requestedSeconds", requestedSeconds);
        outcome.json(json, "ops", "latencyUs");
        json.field("bytes", tally.bytes())
                .field("mibPerSecond", mibPerSecond(tally.bytes()))
                .name("kinds").beginObject();
        for (MixedOp op : MixedOp.ALL) {
            if (mix.includes(op)) {
                json.name(op.label()).beginObject()
                        .field("weight", mix.weight(op))
                        .field("share", mix.share(op))
                        .field("ops", tally.completed(op))
                        .field("opsPerSecond", perSecond(tally.completed(op)))
                        .field("failed", tally.failed(op))
                        .field("bytes", tally.bytes(op))
                        .field("mibPerSecond", mibPerSecond(tally.bytes(op)));
                Percentiles.json(json.name("latencyUs"), tally.latencyUs(op));
                json.endObject();
            }
        }
        return json.endObject()
                .field("cleanup", cleanup)
                .endObject();
    }

    /**
     * With {@code --hgrm FILE}: the distribution over all kinds to FILE, and each kind's beside it with the kind's
     * name before the extension ({@code mixed.hgrm}, {@code mixed-get-small.hgrm}).
     */
    void writeHgrm(Path file) throws IOException {
        if (file == null) {
            return;
        }
        Percentiles.writeHgrm(outcome.latencyUs(), file);
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        for (MixedOp op : MixedOp.ALL) {
            if (mix.includes(op)) {
                String kindName = dot > 0
                        ? name.substring(0, dot) + "-" + op.label() + name.substring(dot)
                        : name + "-" + op.label();
                Percentiles.writeHgrm(tally.latencyUs(op), file.resolveSibling(kindName));
            }
        }
    }

    /** The {@code --chart} PNG: operations per second over the run, and the latency percentiles over all kinds. */
    void chart(Path png) throws IOException {
        RunChart.timed(png, String.format(Locale.ROOT, "wharf-bench mixed  %s  %d sessions, %s", target,
                outcome.workers(), mix), outcome, "all kinds, " + passive() + " to the end");
    }

    private double perSecond(long count) {
        return count / Math.max(outcome.seconds(), 1e-9);
    }

    private double mibPerSecond(long bytes) {
        return bytes / ByteSize.MIB / Math.max(outcome.seconds(), 1e-9);
    }

    private String passive() {
        return isPasv ? "PASV" : "EPSV";
    }
}
