package io.wharf.bench.tls;

import io.wharf.bench.JmhLauncher;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Full TLS handshakes per second between two in-memory engines ({@link EnginePair}): what AUTH TLS, implicit FTPS and
 * every protected data connection that does not resume cost, and so what a loop would stall for if it ran the
 * engine's delegated tasks inline rather than on a {@code TaskOffload}.
 *
 * <p>One operation is a new client and server engine from long-lived contexts and a complete handshake between them,
 * TLS 1.3's NewSessionTicket included, with the self-signed EC P-256 certificate. The client is created without a
 * peer host, so it never resumes. Both sides run on the benchmark thread, so the score includes the client's work;
 * two counters show the server's part, each as milliseconds per second of measured time (divide by 10 for a
 * percentage of the thread's time):
 * <ul>
 *   <li>{@code serverMs}: time inside the server engine (wrap, unwrap and its delegated tasks);</li>
 *   <li>{@code serverTaskMs}: the delegated tasks alone, the part {@code TaskOffload} moves off the loop.</li>
 * </ul>
 * Divide a counter by the score for milliseconds per handshake.
 *
 * <p>The warm-up is longer than the other harnesses': the handshake runs a lot of cold JDK code, and with one second
 * of warm-up the score is less than half the warmed-up one (a freshly started server's first few hundred handshakes
 * are that slow too). Shorten it with {@code -wi}/{@code -w} only for a smoke test.
 *
 * <pre>
 *   java -jar benchmarks/target/wharf-benchmarks.jar TlsHandshakeBenchmark -rf json -rff /tmp/tls-handshake.json
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 3, time = 1)
@State(Scope.Thread)
public class TlsHandshakeBenchmark {

    private static final double NS_PER_MS = 1e6;

    /** Protocol and cipher suite; the bulk cipher barely matters here, so only one per protocol by default. */
    @Param({"TLS13_AES_128_GCM", "TLS12_AES_128_GCM"})
    TlsSuite suite;

    private EnginePair.Contexts contexts;

    /** Where the server's share of the time went, as rates. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class ServerTime {
        /** Milliseconds inside the server engine; reported per second. */
        public double serverMs;
        /** Milliseconds in the server engine's delegated tasks; reported per second. */
        public double serverTaskMs;

        /** JMH reports counters per iteration. */
        @Setup(Level.Iteration)
        public void reset() {
            serverMs = 0;
            serverTaskMs = 0;
        }
    }

    /** One certificate and one pair of contexts for the whole run, as a listener has. */
    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException, IOException {
        contexts = new EnginePair.Contexts();
        EnginePair pair = new EnginePair(contexts, suite, 2);
        pair.handshake();
        String expected = suite.protocol + " " + suite.cipherSuite;
        if (!pair.negotiated().equals(expected)) {
            throw new IllegalStateException("negotiated " + pair.negotiated() + ", expected " + expected);
        }
    }

    /** Two fresh engines and a full handshake. */
    @Benchmark
    public SSLEngine handshake(ServerTime time) throws SSLException {
        EnginePair pair = new EnginePair(contexts, suite, 2);
        pair.handshake();
        time.serverMs += pair.serverEngineNs / NS_PER_MS;
        time.serverTaskMs += pair.serverTaskNs / NS_PER_MS;
        return pair.server;
    }

    /** Runs this benchmark; JMH options in {@code args} override the defaults. */
    public static void main(String[] args) throws Exception {
        JmhLauncher.run(TlsHandshakeBenchmark.class, args, "tls-handshake.json");
    }
}
