package io.wharf.bench.load;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code wharf-bench mixed}: a partner exchange. C sessions each log in, then loop operations drawn by weight from a
 * mix (listings, small and large downloads and uploads, fresh logins) for a fixed time; reports operations and MiB
 * per second, and count, rate and latency percentiles per kind.
 *
 * <p>Before the clock starts the run makes its directory on the server over FTP, with the listing entries and the
 * files to download ({@link MixedTree}); afterwards it removes them. Each session draws from its own random stream,
 * split in order from {@code --seed}, so two runs with the same seed and sessions make the same picks.
 *
 * <p>Exit codes: 0 when no operation failed and the files were removed, 1 when any operation failed (or a session
 * could not log in again, or the files could not all be removed), 2 for bad arguments, 3 when the server cannot be
 * reached, refuses the login, or the files cannot be prepared.
 */
@Command(name = "mixed", mixinStandardHelpOptions = true,
        description = {"C sessions loop operations picked by weight from a partner-exchange mix for a fixed time: "
                + "LIST and MLSD of a directory, RETR and STOR of small and large files, fresh logins.",
            "Prepares its files on the server first and removes them afterwards.",
            "Reports ops/s, MiB/s, and per kind the count, rate and latency percentiles (microseconds)."})
public final class MixedCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RunOptions run;

    @Mixin
    TimedOptions timing;

    @Mixin
    ChartOption chart;

    @Option(names = "--sessions", defaultValue = "32", paramLabel = "C",
            description = "Concurrent sessions (default: ${DEFAULT-VALUE}).")
    int sessions;

    @Option(names = "--mix", defaultValue = OperationMix.DEFAULT, converter = OperationMix.Converter.class,
            paramLabel = "KIND=WEIGHT,...",
            description = {"Relative weights of list, mlsd, get-small, put-small, get-large, put-large and login; "
                    + "a kind not named is never picked.", "Default: ${DEFAULT-VALUE}."})
    OperationMix mix;

    @Option(names = "--small-size", defaultValue = "4k-64k", converter = SizeRange.Converter.class,
            paramLabel = "MIN-MAX", description = "Small file sizes: " + MixedTree.SMALL_STEPS
                    + " spread evenly over the range, or one size (default: ${DEFAULT-VALUE}).")
    SizeRange smallSize;

    @Option(names = "--large-size", defaultValue = "8m", converter = ByteSize.Converter.class, paramLabel = "SIZE",
            description = "Large file size (default: ${DEFAULT-VALUE}).")
    long largeSize;

    @Option(names = "--list-entries", defaultValue = "100", paramLabel = "N",
            description = "Files in the directory list and mlsd read (default: ${DEFAULT-VALUE}).")
    int listEntries;

    @Option(names = "--dir", defaultValue = "wharf-bench-mixed", paramLabel = "DIR",
            description = "Working directory, made under the login directory (default: ${DEFAULT-VALUE}).")
    String dir;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
            description = "Seed of the sessions' picks and sizes (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--pasv", description = "PASV instead of EPSV.")
    boolean isPasv;

    @Option(names = "--keep", description = "Leave the directory and its files on the server.")
    boolean isKept;

    @Option(names = "--tls-share", defaultValue = "0", paramLabel = "PERCENT",
            description = {"With an ftp:// URL: this share of the sessions uses explicit FTPS instead (AUTH TLS, "
                    + "PROT P, TLS 1.2), as when some partners encrypt and others do not "
                    + "(default: ${DEFAULT-VALUE}). With ftps:// every session uses TLS."})
    double tlsShare;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (sessions < 1 || listEntries < 0 || largeSize < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--sessions must be positive, --list-entries and --large-size at least 0");
        }
        if (tlsShare < 0 || tlsShare > 100 || tlsShare > 0 && run.target().tls() != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--tls-share takes 0 to 100, and only with an ftp:// URL (ftps:// encrypts every session)");
        }
        int tlsSessions = (int) Math.round(sessions * tlsShare / 100.0);
        FtpTarget tlsTarget = tlsSessions == 0 ? null : run.target().withExplicitTls();
        if (tlsTarget != null && !Preflight.canLogIn(tlsTarget, err)) {
            return Preflight.CANNOT_RUN;
        }
        if (!Preflight.canLogIn(run.target(), err)) {
            return Preflight.CANNOT_RUN;
        }
        MixedTree tree = new MixedTree(dir, listEntries, smallSize, largeSize);
        int blockBytes = (int) Math.max(1, Math.min(Math.max(smallSize.max(), largeSize),
                SmallFilesCommand.MAX_BLOCK_BYTES));
        ByteBuffer block = RandomUpload.randomBlock(blockBytes, seed);
        if (!prepare(tree, block, err)) {
            return Preflight.CANNOT_RUN;
        }
        TimedRun timed = timing.newRun(sessions);
        MixedWorker[] workers = new MixedWorker[sessions];
        SplittableRandom seeds = new SplittableRandom(seed);
        for (int i = 0; i < sessions; i++) {
            FtpTarget target = i < tlsSessions ? tlsTarget : run.target();
            workers[i] = new MixedWorker(timed, target, tree, i, mix, seeds.split(), block, isPasv);
        }
        err.printf("[mixed] %d sessions (%d over TLS), %s %s%n", sessions,
                run.target().tls() != null ? sessions : tlsSessions, mix, timing.describe());
        err.flush();
        TimedRun.Outcome outcome = timed.execute(workers, "mixed", "ops", timing.timeout.toNanos(),
                ProgressLine.create(err, timing.isProgressForced));
        String cleanup = isKept ? "kept" : tree.remove(run.target(), sessions);
        MixedTally tally = new MixedTally(mix);
        for (MixedWorker w : workers) {
            tally.add(w.tally());
        }
        MixedReport report = new MixedReport(run.target(), tlsTarget, tlsSessions, mix, tree, isPasv, seed,
                timing.duration.toMillis() / 1000.0, outcome, tally, cleanup);
        report.print(out);
        if (run.json != null) {
            report.json().writeTo(run.json);
        }
        report.writeHgrm(timing.hgrm);
        if (chart.isRequested()) {
            report.chart(chart.png);
        }
        boolean isClean = isKept || MixedTree.isRemoved(cleanup);
        return outcome.failures().total() == 0 && outcome.lost() == 0 && isClean ? 0 : 1;
    }

    /** The directory and its files, timed for the operator; on failure, one line and whatever was made removed. */
    private boolean prepare(MixedTree tree, ByteBuffer block, PrintWriter err) {
        err.printf("[mixed] preparing %s%n", tree.describe());
        err.flush();
        long startNs = System.nanoTime();
        try {
            tree.prepare(run.target(), isPasv, block.duplicate());
            err.printf(Locale.ROOT, "[mixed] prepared in %.1f s%n", (System.nanoTime() - startNs) / 1e9);
            err.flush();
            return true;
        } catch (IOException | IllegalArgumentException e) {
            err.println("wharf-bench: cannot prepare " + tree.dir() + ": " + Preflight.reason(e));
            if (!isKept) {
                tree.remove(run.target(), 0);
            }
            err.flush();
            return false;
        }
    }
}
