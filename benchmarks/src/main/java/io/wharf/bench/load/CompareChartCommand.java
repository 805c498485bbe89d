package io.wharf.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wharf-bench compare-chart DIR}: the PNG for a {@code benchmarks/compare} run, drawn from the
 * {@code advantage.tsv} its report step writes (scenario, peer, how many times better Wharf did).
 */
@Command(name = "compare-chart", mixinStandardHelpOptions = true,
        description = {"Draws a benchmarks/compare run as one PNG: per scenario, Wharf's advantage over each peer "
                + "(log2 scale, 0 = level), from DIR/advantage.tsv."})
public final class CompareChartCommand implements Callable<Integer> {

    private static final int WIDTH = 1400;
    private static final int HEIGHT = 640;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "A benchmarks/compare results directory.")
    Path dir;

    @Option(names = "--out", paramLabel = "FILE.png",
            description = "Where to write the chart (default: DIR/compare.png).")
    Path png;

    @Option(names = "--title", paramLabel = "TEXT", defaultValue = "Wharf side by side",
            description = "Heading above the chart (default: ${DEFAULT-VALUE}).")
    String title;

    @Override
    public Integer call() throws IOException {
        Path table = dir.resolve("advantage.tsv");
        if (!Files.isRegularFile(table)) {
            throw new CommandLine.ParameterException(spec.commandLine(), table + " does not exist: is " + dir
                    + " a benchmarks/compare results directory whose report was written?");
        }
        List<String> scenarios = new ArrayList<>();
        Map<String, Map<String, Double>> byPeer = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(table, StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size(); i++) {                 // line 0 is the header
            String[] cells = lines.get(i).split("\t");
            if (cells.length != 3) {
                throw new IOException(table + ":" + (i + 1) + ": expected scenario, peer, advantage");
            }
            if (!scenarios.contains(cells[0])) {
                scenarios.add(cells[0]);
            }
            byPeer.computeIfAbsent(cells[1], p -> new LinkedHashMap<>()).put(cells[0], Double.valueOf(cells[2]));
        }
        if (scenarios.isEmpty()) {
            spec.commandLine().getErr().println("wharf-bench: " + table + " has no scenario both Wharf and a peer "
                    + "completed; nothing to draw");
            return 1;
        }
        Map<String, List<Double>> series = new LinkedHashMap<>();
        byPeer.forEach((peer, values) -> {
            List<Double> column = new ArrayList<>();
            for (String s : scenarios) {
                column.add(values.get(s));                     // null: that peer has no figure for the scenario
            }
            series.put(peer, column);
        });
        Path target = png != null ? png : dir.resolve("compare.png");
        ChartWriter.write(target, title, ComparisonChart.advantage(
                "Wharf / peer per scenario (above 0: Wharf ahead)", scenarios, series, WIDTH, HEIGHT));
        spec.commandLine().getOut().println("chart: " + target);
        return 0;
    }
}
