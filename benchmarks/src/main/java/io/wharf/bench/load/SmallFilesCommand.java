package io.wharf.bench.load;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code wharf-bench small-files}: C sessions each loop EPSV (or PASV) + RETR of one small file, or + STOR of a
 * small file of their own, for a fixed time; reports files per second and per-transfer latency percentiles.
 *
 * <p>For downloads the file is created first with STOR. Logins happen before the clock starts. Exit codes: 0 when
 * no transfer failed, 1 when any did (or a session could not log in, or the files could not be deleted), 2 for bad
 * arguments, 3 when the server cannot be reached, refuses the login, or the file cannot be created.
 */
@Command(name = "small-files", mixinStandardHelpOptions = true,
        description = {"C sessions loop EPSV (or PASV) + RETR of a small file (created first with STOR), or + STOR "
                + "with --direction up, for a fixed time.",
            "Reports files/s and per-transfer latency percentiles (EPSV to 226, microseconds)."})
public final class SmallFilesCommand implements Callable<Integer> {

    /** Upload sessions send their file from one block of at most this size, repeated for larger files. */
    static final int MAX_BLOCK_BYTES = 1 << 20;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RunOptions run;

    @Mixin
    TimedOptions timing;

    @Mixin
    ChartOption chart;

    @Option(names = "--sessions", defaultValue = "64", paramLabel = "C",
            description = "Concurrent sessions (default: ${DEFAULT-VALUE}).")
    int sessions;

    @Option(names = "--size", defaultValue = "4k", converter = ByteSize.Converter.class, paramLabel = "SIZE",
            description = "File size (default: ${DEFAULT-VALUE}).")
    long size;

    @Option(names = "--direction", defaultValue = "down", paramLabel = "down|up",
            description = "down: RETR one shared file; up: each session STORs its own (default: ${DEFAULT-VALUE}).")
    String direction;

    @Option(names = "--pasv", description = "PASV instead of EPSV.")
    boolean isPasv;

    @Option(names = "--name", defaultValue = "wharf-bench-small", paramLabel = "PREFIX",
            description = "Download: PREFIX.bin; upload: session i stores PREFIX-i.bin (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--keep", description = "Leave the files on the server.")
    boolean isKept;


    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean isUpload = "up".equals(direction);
        if (!isUpload && !"down".equals(direction)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--direction must be down or up");
        }
        if (sessions < 1 || size < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--sessions must be positive");
        }
        if (!Preflight.canLogIn(run.target(), err)) {
            return Preflight.CANNOT_RUN;
        }
        String shared = prefix + ".bin";
        if (!isUpload && !create(shared, err)) {
            return Preflight.CANNOT_RUN;
        }
        TimedRun timed = timing.newRun(sessions);
        SmallFileWorker[] workers = new SmallFileWorker[sessions];
        for (int i = 0; i < sessions; i++) {
            workers[i] = new SmallFileWorker(timed, run.target(), isUpload ? fileOf(i) : shared, size, isUpload, isPasv,
                    System.nanoTime() + i);
        }
        err.printf("[small-files] %d sessions, %s %s %s%n", sessions, isUpload ? "STOR" : "RETR",
                ByteSize.format(size), timing.describe());
        err.flush();
        TimedRun.Outcome outcome = timed.execute(workers, "small-files", "files", timing.timeout.toNanos(),
                ProgressLine.create(err, timing.isProgressForced));
        String cleanup = isKept ? "kept" : delete(isUpload, shared);
        SmallFilesReport report = new SmallFilesReport(run.target(), isUpload, isPasv,
                isUpload ? prefix + "-N.bin" : shared, size, timing.duration.toMillis() / 1000.0, outcome, cleanup);
        report.print(out);
        if (run.json != null) {
            report.json().writeTo(run.json);
        }
        timing.writeHgrm(outcome);
        if (chart.isRequested()) {
            report.chart(chart.png);
        }
        boolean isClean = isKept || cleanup.startsWith("deleted");
        return outcome.failures().total() == 0 && outcome.lost() == 0 && isClean ? 0 : 1;
    }

    private String fileOf(int session) {
        return prefix + "-" + session + ".bin";
    }

    /** The shared download file, STORed once before the run. */
    private boolean create(String path, PrintWriter err) {
        try {
            new RandomUpload(System.nanoTime()).upload(run.target(), path, size);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            err.println("wharf-bench: cannot create " + path + ": " + Preflight.reason(e));
            err.flush();
            return false;
        }
    }

    /** DELE of what the run created, on one connection; a file that is not there (550) was never stored. */
    private String delete(boolean isUpload, String shared) {
        int deleted = 0;
        try (FtpControl control = FtpControl.open(run.target())) {
            int files = isUpload ? sessions : 1;
            for (int i = 0; i < files; i++) {
                String path = isUpload ? fileOf(i) : shared;
                int code = control.command("DELE " + path);
                if (code == 250) {
                    deleted++;
                } else if (code != 550) {
                    return "DELE " + path + " -> " + control.lastLine();
                }
            }
            control.quit();
        } catch (IOException | IllegalArgumentException e) {
            return "deleting failed after " + deleted + " files: " + Preflight.reason(e);
        }
        return "deleted " + deleted + (deleted == 1 ? " file" : " files");
    }
}
