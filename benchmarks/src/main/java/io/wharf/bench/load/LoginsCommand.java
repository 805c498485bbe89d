package io.wharf.bench.load;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code wharf-bench logins}: C workers each connect, read the 220, log in with USER/PASS and QUIT, over and over
 * for a fixed time; reports sessions per second, login latency percentiles, and failures by reply code.
 *
 * <p>Exit codes: 0 when no attempt failed, 1 when any did (the report counts them by reply code), 2 for bad
 * arguments, 3 when the server cannot be reached or refuses the login before the run starts.
 */
@Command(name = "logins", mixinStandardHelpOptions = true,
        description = {"C workers loop connect + 220 + USER/PASS + QUIT for a fixed time.",
            "Reports sessions/s, login latency percentiles (connect to 230, microseconds), failures by reply code."})
public final class LoginsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RunOptions run;

    @Mixin
    TimedOptions timing;

    @Mixin
    ChartOption chart;

    @Option(names = "--workers", defaultValue = "16", paramLabel = "C",
            description = "Concurrent workers, one connection each at a time (default: ${DEFAULT-VALUE}).")
    int workers;


    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (workers < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--workers must be positive");
        }
        if (!Preflight.canLogIn(run.target(), err)) {
            return Preflight.CANNOT_RUN;
        }
        TimedRun timed = timing.newRun(workers);
        LoginWorker[] loginWorkers = new LoginWorker[workers];
        for (int i = 0; i < workers; i++) {
            loginWorkers[i] = new LoginWorker(timed, run.target());
        }
        err.printf("[logins] %d workers %s%n", workers, timing.describe());
        err.flush();
        TimedRun.Outcome outcome = timed.execute(loginWorkers, "logins", "sessions", timing.timeout.toNanos(),
                ProgressLine.create(err, timing.isProgressForced));
        LoginsReport report = new LoginsReport(run.target(), timing.duration.toMillis() / 1000.0, outcome);
        report.print(out);
        if (run.json != null) {
            report.json().writeTo(run.json);
        }
        timing.writeHgrm(outcome);
        if (chart.isRequested()) {
            report.chart(chart.png);
        }
        return outcome.failures().total() == 0 ? 0 : 1;
    }
}
