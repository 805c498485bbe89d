package io.wharf.bench.load;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --chart FILE.png}, which every scenario takes: a picocli mixin. */
final class ChartOption {

    @Option(names = "--chart", paramLabel = "FILE.png",
            description = "Also draw a PNG chart: throughput per second over the run, beside the latency percentile "
                    + "distribution (download and upload: beside each session's MiB/s).")
    Path png;

    /** True when {@code --chart} was given. */
    boolean isRequested() {
        return png != null;
    }
}
