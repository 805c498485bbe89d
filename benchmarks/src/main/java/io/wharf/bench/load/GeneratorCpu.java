package io.wharf.bench.load;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import java.util.Locale;

/**
 * CPU time this load generator itself spent during a run, so a reader can tell whether the generator or the server
 * was the limit: a generator busy on most of the machine's CPUs measured itself as much as the server.
 */
final class GeneratorCpu {

    /** A share of the machine above which the report warns that the generator may have been the bottleneck. */
    private static final double SATURATED_SHARE = 0.8;

    /**
     * What the process used between {@link #start} and {@link #stop}.
     *
     * @param cpuNs      user + system CPU time of this JVM, all threads; -1 when the platform does not say
     * @param wallNs     elapsed time
     * @param processors CPUs available to this JVM
     */
    record Usage(long cpuNs, long wallNs, int processors) {

        /** CPU seconds per wall second: 1.0 is one core kept busy. */
        double cores() {
            return cpuNs < 0 ? Double.NaN : (double) cpuNs / Math.max(1, wallNs);
        }

        /** The part of the whole machine: 1.0 is every CPU busy. */
        double share() {
            return cores() / processors;
        }

        String describe() {
            if (cpuNs < 0) {
                return "n/a";
            }
            String text = String.format(Locale.ROOT, "%.2f s CPU in %.2f s = %.2f cores (%.0f%% of %d CPUs)",
                    cpuNs / 1e9, wallNs / 1e9, cores(), share() * 100, processors);
            return share() >= SATURATED_SHARE ? text + "; the generator may have been the bottleneck" : text;
        }

        void json(JsonWriter json) {
            json.beginObject()
                    .field("cpuSeconds", cpuNs < 0 ? Double.NaN : cpuNs / 1e9)
                    .field("wallSeconds", wallNs / 1e9)
                    .field("cores", cores())
                    .field("processors", processors)
                    .endObject();
        }
    }

    private final long startCpuNs;
    private final long startNs;

    private GeneratorCpu(long startCpuNs, long startNs) {
        this.startCpuNs = startCpuNs;
        this.startNs = startNs;
    }

    static GeneratorCpu start() {
        return new GeneratorCpu(processCpuNs(), System.nanoTime());
    }

    Usage stop() {
        long cpu = processCpuNs();
        long used = cpu < 0 || startCpuNs < 0 ? -1 : cpu - startCpuNs;
        return new Usage(used, System.nanoTime() - startNs, Runtime.getRuntime().availableProcessors());
    }

    /** This JVM's CPU time in nanoseconds, or -1. */
    static long processCpuNs() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean hotspot) {
            long ns = hotspot.getProcessCpuTime();
            if (ns >= 0) {
                return ns;
            }
        }
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }
}
