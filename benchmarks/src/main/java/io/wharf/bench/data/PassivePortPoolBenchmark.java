package io.wharf.bench.data;

import io.wharf.bench.JmhLauncher;
import io.wharf.config.PortRange;
import io.wharf.server.data.PassiveListener;
import io.wharf.server.data.PassivePortPool;
import io.wharf.server.data.PortBitmap;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jctools.queues.MpmcArrayQueue;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Acquire-then-release throughput of the passive port pool, with no bind: one operation is one PASV's worth of pool
 * work, done by one thread, because in the server the loop that acquires a port is also the loop that returns it.
 *
 * <p>{@code pool} selects what is measured:
 * <ul>
 *   <li>{@code lockFree}: the real {@link PassivePortPool} and {@link PassiveListener} (random start, bitmap lease,
 *       listener object, close), with a {@link StashedChannelBinder} instead of binding;</li>
 *   <li>{@code bitmap}: only its core, a {@link PortBitmap} leased from a random start and released;</li>
 *   <li>{@code mpmcQueue}: the design the pool had before, a JCTools {@link MpmcArrayQueue} of port objects polled
 *       and offered back (four atomic operations per cycle where the bitmap needs two, all on two hot indices);</li>
 *   <li>{@code synchronizedList}: {@link SynchronizedPortList}, a minimal MINA-style baseline.</li>
 * </ul>
 * {@code ports=100} is a small range (the default is 1000); {@code ports=4} with more threads than ports makes
 * acquires fail, which the {@code acquired} and {@code exhausted} counters show. Bind cost is the kernel's and is
 * not measured here.
 *
 * <p>Vary contention with {@code -t}; without it, {@link #main} runs 1, 2, 4 and 8 threads in turn:
 * <pre>
 *   java -jar benchmarks/target/wharf-benchmarks.jar PassivePortPoolBenchmark -t 4 -rf json -rff results.json
 *   java -cp benchmarks/target/wharf-benchmarks.jar io.wharf.bench.data.PassivePortPoolBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class PassivePortPoolBenchmark {

    private static final int FIRST_PORT = 40_000;
    private static final int[] DEFAULT_THREADS = {1, 2, 4, 8};

    /** The implementation under test. */
    @Param({"lockFree", "mpmcQueue", "bitmap", "synchronizedList"})
    String pool;

    /** Ports in the pool. */
    @Param({"100", "4"})
    int ports;

    private PortPool underTest;

    /** Per-thread outcome counts, reported next to the score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Outcomes {
        /** Acquires that got a port. */
        public long acquired;
        /** Acquires that found the pool empty. */
        public long exhausted;

        /** JMH reports counters per iteration. */
        @Setup(Level.Iteration)
        public void reset() {
            acquired = 0;
            exhausted = 0;
        }
    }

    /** Builds and fills the selected pool. */
    @Setup(Level.Trial)
    public void setUp() {
        underTest = switch (pool) {
            case "lockFree" -> new LockFree(ports);
            case "mpmcQueue" -> new MpmcCore(ports);
            case "bitmap" -> new BitmapCore(ports);
            case "synchronizedList" -> new Baseline(ports);
            default -> throw new IllegalArgumentException("unknown pool " + pool);
        };
    }

    /** A pool that lost or duplicated a port makes every number it produced meaningless. */
    @TearDown(Level.Trial)
    public void checkFull() {
        if (underTest.available() != ports) {
            throw new IllegalStateException(pool + " has " + underTest.available() + " of " + ports + " ports free");
        }
    }

    /** One acquire and, when it succeeds, one release. */
    @Benchmark
    public void acquireRelease(Outcomes outcomes, Blackhole bh) throws IOException {
        underTest.acquireRelease(outcomes, bh);
    }

    /** What each variant does per operation. One variant per fork, so the call site stays monomorphic. */
    private interface PortPool {
        void acquireRelease(Outcomes outcomes, Blackhole bh) throws IOException;

        int available();
    }

    private static final class LockFree implements PortPool {
        private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
        private final PassivePortPool pool;

        LockFree(int ports) {
            pool = new PassivePortPool(List.of(new PortRange(FIRST_PORT, FIRST_PORT + ports - 1)),
                    new StashedChannelBinder());
        }

        @Override
        public void acquireRelease(Outcomes outcomes, Blackhole bh) throws IOException {
            PassiveListener listener = pool.acquire(LOOPBACK);
            if (listener == null) {
                outcomes.exhausted++;
                return;
            }
            bh.consume(listener.port());
            listener.close();
            outcomes.acquired++;
        }

        @Override
        public int available() {
            return pool.available();
        }
    }

    private static final class MpmcCore implements PortPool {
        private final MpmcArrayQueue<Object> free;

        MpmcCore(int ports) {
            free = new MpmcArrayQueue<>(Math.max(2, ports));
            for (int i = 0; i < ports; i++) {
                free.offer(Integer.valueOf(FIRST_PORT + i));
            }
        }

        @Override
        public void acquireRelease(Outcomes outcomes, Blackhole bh) {
            Object port = free.poll();                   // poll, not relaxedPoll: null must mean empty
            if (port == null) {
                outcomes.exhausted++;
                return;
            }
            bh.consume(port);
            if (!free.offer(port)) {
                throw new IllegalStateException("queue overfull: a port was released twice");
            }
            outcomes.acquired++;
        }

        @Override
        public int available() {
            return free.size();
        }
    }

    private static final class BitmapCore implements PortPool {
        private final PortBitmap bitmap;

        BitmapCore(int ports) {
            bitmap = new PortBitmap(ports);
        }

        @Override
        public void acquireRelease(Outcomes outcomes, Blackhole bh) {
            int slot = bitmap.lease(ThreadLocalRandom.current().nextInt(bitmap.size()));
            if (slot < 0) {
                outcomes.exhausted++;
                return;
            }
            bh.consume(slot);
            bitmap.release(slot);
            outcomes.acquired++;
        }

        @Override
        public int available() {
            return bitmap.available();
        }
    }

    private static final class Baseline implements PortPool {
        private final SynchronizedPortList list;

        Baseline(int ports) {
            list = new SynchronizedPortList(FIRST_PORT, ports);
        }

        @Override
        public void acquireRelease(Outcomes outcomes, Blackhole bh) {
            int port = list.acquire();
            if (port < 0) {
                outcomes.exhausted++;
                return;
            }
            bh.consume(port);
            list.release(port);
            outcomes.acquired++;
        }

        @Override
        public int available() {
            return list.available();
        }
    }

    /**
     * Runs this benchmark. With {@code -t N} it runs once; otherwise once per thread count 1, 2, 4 and 8, each into
     * its own JSON file ({@code passive-port-pool-t4.json}, or {@code <name>-t4.json} for {@code -rff <name>.json}).
     */
    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        String resultFile = cli.getResult().orElse("passive-port-pool.json");
        if (cli.getThreads().hasValue()) {
            JmhLauncher.run(PassivePortPoolBenchmark.class, args, resultFile);
            return;
        }
        int dot = resultFile.lastIndexOf('.');
        String stem = dot > 0 ? resultFile.substring(0, dot) : resultFile;
        String suffix = dot > 0 ? resultFile.substring(dot) : "";
        for (int threads : DEFAULT_THREADS) {
            String perThreads = stem + "-t" + threads + suffix;
            new Runner(JmhLauncher.options(PassivePortPoolBenchmark.class, args, perThreads)
                    .threads(threads).result(perThreads).build()).run();
        }
    }
}
