package io.wharf.bench;

import java.util.regex.Pattern;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs one JMH benchmark class from its own {@code main}, the way Agrona's benchmarks do, so a harness can be started
 * from an IDE or with {@code java -cp wharf-benchmarks.jar <class>}.
 *
 * <p>Any JMH command-line option ({@code -t 4}, {@code -prof gc}, {@code -rff out.json}) overrides the defaults
 * here. Failures are fatal ({@code shouldFailOnError(true)}): a benchmark that throws must not produce a number.
 */
public final class JmhLauncher {

    private JmhLauncher() {
    }

    /**
     * Runs every benchmark method of {@code benchmark}, writing JSON results to {@code resultFile} unless the
     * arguments name another file.
     */
    public static void run(Class<?> benchmark, String[] args, String resultFile)
            throws RunnerException, CommandLineOptionException {
        new Runner(options(benchmark, args, resultFile).build()).run();
    }

    /** The options {@link #run} uses, for callers that vary one of them (thread counts, say). */
    public static ChainedOptionsBuilder options(Class<?> benchmark, String[] args, String resultFile)
            throws CommandLineOptionException {
        CommandLineOptions cli = new CommandLineOptions(args);
        ChainedOptionsBuilder options = new OptionsBuilder()
                .parent(cli)
                // Anchored on the class name, so LineDecoderBenchmark does not also pick up LineDecoderBenchmarkX.
                .include("^" + Pattern.quote(benchmark.getName()) + "\\.")
                .shouldFailOnError(true);
        if (!cli.getResultFormat().hasValue()) {
            options.resultFormat(ResultFormatType.JSON);
        }
        if (!cli.getResult().hasValue()) {
            options.result(resultFile);
        }
        return options;
    }
}
