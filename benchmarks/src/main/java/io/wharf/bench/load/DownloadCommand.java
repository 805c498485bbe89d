package io.wharf.bench.load;

import io.wharf.server.cli.DurationConverter;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code wharf-bench download}: K sessions RETR the same file at once; reports bytes, time, aggregate and
 * per-session MiB/s. With {@code --create SIZE} it first STORs a pseudo-random file of that size as the path.
 *
 * <p>Logins happen before the clock starts (password hashing is deliberately slow and would otherwise dominate a
 * short transfer); every session then starts its EPSV/RETR at the same moment. Exit codes: 0 when every session
 * received the whole file, 1 when any failed or came up short, 2 for bad arguments, 3 when the upload failed.
 */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = {"K parallel sessions each RETR the same file (TYPE I, EPSV or PASV), discarding the bytes.",
            "--create SIZE first uploads a pseudo-random file of that size (streamed) as the path."})
public final class DownloadCommand implements Callable<Integer> {

    private static final int CANNOT_RUN = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RunOptions run;

    @Mixin
    ChartOption chart;

    @Option(names = "--file", required = true, paramLabel = "PATH", description = "Path on the server to RETR.")
    String file;

    @Option(names = "--sessions", defaultValue = "1", paramLabel = "K",
            description = "Parallel sessions (default: ${DEFAULT-VALUE}).")
    int sessions;

    @Option(names = "--create", converter = ByteSize.Converter.class, paramLabel = "SIZE",
            description = "First upload SIZE pseudo-random bytes (e.g. 64m, 1g) as PATH.")
    Long create;

    @Option(names = "--buffer", defaultValue = "256k", converter = ByteSize.Converter.class, paramLabel = "SIZE",
            description = "Direct read buffer per session (default: ${DEFAULT-VALUE}).")
    long bufferBytes;

    @Option(names = "--timeout", defaultValue = "10m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Abort sessions still running after this long (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (sessions < 1 || bufferBytes < 1 || bufferBytes > Integer.MAX_VALUE) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--sessions and --buffer must be positive");
        }
        FtpTarget target = run.target();
        RandomUpload.Result upload = null;
        if (create != null) {
            err.printf("[create] uploading %s as %s%n", ByteSize.format(create), file);
            err.flush();
            try {
                upload = new RandomUpload(System.nanoTime()).upload(target, file, create);
            } catch (IOException e) {
                err.println("wharf-bench: upload failed: " + e);
                return CANNOT_RUN;
            }
        }
        CountDownLatch ready = new CountDownLatch(sessions);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(sessions);
        DownloadSession[] downloads = new DownloadSession[sessions];
        Thread[] threads = new Thread[sessions];
        for (int i = 0; i < sessions; i++) {
            DownloadSession session = new DownloadSession(target, file, ready, go, (int) bufferBytes);
            downloads[i] = session;
            threads[i] = new Thread(() -> {
                try {
                    session.run();
                } finally {
                    ended.countDown();
                }
            }, "wharf-bench-download-" + i);
            threads[i].start();
        }
        ready.await();
        err.printf("[download] %d sessions logged in; RETR %s%n", sessions, file);
        err.flush();
        long startNs = System.nanoTime();
        go.countDown();
        long deadlineNs = startNs + timeout.toNanos();
        long total = upload != null ? upload.bytes() * sessions : -1;
        TransferWatch watch = new TransferWatch("download", total, downloads);
        Timeline.Rates timeline = watch.await(ended, startNs, deadlineNs, ProgressLine.create(err, false));
        watch.join(threads, deadlineNs);
        DownloadSession.Result[] results = new DownloadSession.Result[sessions];
        for (int i = 0; i < sessions; i++) {
            results[i] = downloads[i].result();
        }
        DownloadReport report = new DownloadReport(target, file, upload, startNs, results, timeline);
        report.print(out);
        if (run.json != null) {
            report.json().writeTo(run.json);
        }
        if (chart.isRequested()) {
            report.chart(chart.png);
        }
        return report.isComplete() ? 0 : 1;
    }
}
