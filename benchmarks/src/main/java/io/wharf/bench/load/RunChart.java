package io.wharf.bench.load;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code --chart} PNG of one run, per scenario: throughput over time on the left, and on the right the latency
 * percentile distribution, or for the bulk transfers, which time whole files rather than operations, each
 * session's MiB/s.
 */
final class RunChart {

    private RunChart() {
    }

    /**
     * {@code small-files}, {@code logins}: operations per second, and the latency of one operation. With a target
     * rate, the throughput panel draws it as a flat line, and the heading names it.
     */
    static void timed(Path png, String heading, TimedRun.Outcome outcome, String latencyName) throws IOException {
        Timeline.Rates rates = outcome.timeline();
        Map<String, Timeline.Rates> throughput = new LinkedHashMap<>();
        throughput.put(rates.unit(), rates);
        Schedule.Summary schedule = outcome.schedule();
        String latencyTitle = "latency";
        if (schedule != null) {
            double target = schedule.targetPerSecond();
            throughput.put("target", new Timeline.Rates(rates.unit(), new double[] {0, outcome.seconds()},
                    new double[] {target, target}));
            heading += ", --rate " + BigDecimal.valueOf(target).stripTrailingZeros().toPlainString();
            latencyTitle = "latency from each scheduled start";
        }
        PercentileCurve latency = PercentileCurve.of(outcome.latencyUs());
        ChartWriter.write(png, heading, ComparisonChart.timelines("throughput", rates.unit(), throughput),
                ComparisonChart.percentiles(latencyTitle, Map.of(latencyName, latency)));
    }

    /** {@code download}, {@code upload}: MiB/s over all sessions, and per session. */
    static void transfer(Path png, String heading, Timeline.Rates rates, TransferResult[] results)
            throws IOException {
        Map<String, Double> perSession = new LinkedHashMap<>();
        for (int i = 0; i < results.length; i++) {
            perSession.put(Integer.toString(i), results[i].mibPerSecond());
        }
        ChartWriter.write(png, heading,
                ComparisonChart.timelines("throughput, all sessions", rates.unit(), Map.of(rates.unit(), rates)),
                ComparisonChart.bars("throughput of each session over its own transfer", rates.unit(), perSession));
    }

    /** {@code idle}: logins per second while opening, and the NOOP and login latencies. */
    static void idle(Path png, String heading, Timeline.Rates opened, IdleTally tally) throws IOException {
        Map<String, PercentileCurve> curves = new LinkedHashMap<>();
        curves.put("NOOP round trip", PercentileCurve.of(tally.noopUs()));
        curves.put("login, connect to 230", PercentileCurve.of(tally.loginUs()));
        ChartWriter.write(png, heading,
                ComparisonChart.timelines("sessions logged in while opening", opened.unit(),
                        Map.of(opened.unit(), opened)),
                ComparisonChart.percentiles("latency", curves));
    }
}
