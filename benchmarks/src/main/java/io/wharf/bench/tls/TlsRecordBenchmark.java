package io.wharf.bench.tls;

import io.wharf.bench.JmhLauncher;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngineResult;
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
 * TLS record throughput of the JDK's {@code SSLEngine} as Wharf configures it, with no sockets: an FTPS download's
 * encryption cost per byte, the part of the download that {@code sendfile} cannot take over.
 *
 * <p>A client and a server engine ({@link EnginePair}) complete one full handshake at setup. Then one operation is one
 * application chunk of {@code chunkBytes} (16 KiB, one full record; or 64 KiB, the four records {@code TlsTransport}
 * puts in one socket write):
 * <ul>
 *   <li>{@link #wrap}: the server encrypts the chunk into records, which are then dropped (a sender's engine does not
 *       care whether anyone reads them);</li>
 *   <li>{@link #wrapUnwrap}: the server encrypts and the client decrypts every record. The decryption cost is the
 *       difference between the two scores.</li>
 * </ul>
 * {@code suite} selects TLS 1.3 with AES-128-GCM (Wharf's preference) or AES-256-GCM (the JDK's), or TLS 1.2 ECDHE
 * with AES-128-GCM. The primary score is chunks per second; the {@code mib} counter next to it is the same in MiB of
 * plaintext per second. One thread, heap buffers, as the server's loop uses them.
 *
 * <pre>
 *   java -jar benchmarks/target/wharf-benchmarks.jar TlsRecordBenchmark -rf json -rff /tmp/tls-record.json
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Thread)
public class TlsRecordBenchmark {

    private static final double MIB = 1024 * 1024;

    /** Protocol and cipher suite. */
    @Param
    TlsSuite suite;

    /** Application bytes per operation. */
    @Param({"16384", "65536"})
    int chunkBytes;

    private EnginePair pair;
    private ByteBuffer plaintext;

    /** Plaintext MiB per second, next to the score (JMH reports an operations counter as a rate). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Bytes {
        /** MiB of plaintext handled; reported per second. */
        public double mib;

        /** JMH reports counters per iteration. */
        @Setup(Level.Iteration)
        public void reset() {
            mib = 0;
        }
    }

    /** Generates the certificate, handshakes once and fills the chunk with random (incompressible) bytes. */
    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException, IOException {
        int records = (chunkBytes + 16 * 1024 - 1) / (16 * 1024);
        pair = new EnginePair(new EnginePair.Contexts(), suite, records + 1);
        pair.handshake();
        String expected = suite.protocol + " " + suite.cipherSuite;
        if (!pair.negotiated().equals(expected)) {
            throw new IllegalStateException("negotiated " + pair.negotiated() + ", expected " + expected);
        }
        byte[] bytes = new byte[chunkBytes];
        new SplittableRandom(42).nextBytes(bytes);
        plaintext = ByteBuffer.wrap(bytes);
    }

    /** Encrypt one chunk on the server side. */
    @Benchmark
    public int wrap(Bytes bytes) throws SSLException {
        int produced = wrapChunk();
        pair.toClient.clear();
        bytes.mib += chunkBytes / MIB;
        return produced;
    }

    /** Encrypt one chunk on the server side and decrypt it on the client side. */
    @Benchmark
    public int wrapUnwrap(Bytes bytes) throws SSLException {
        int produced = wrapChunk();
        pair.unwrapAll(pair.client, pair.toClient, pair.clientApp(), false);
        if (pair.toClient.position() != 0) {
            throw new IllegalStateException(pair.toClient.position() + " bytes of records left undecrypted");
        }
        pair.settle();
        bytes.mib += chunkBytes / MIB;
        return produced;
    }

    private int wrapChunk() throws SSLException {
        plaintext.clear();
        int produced = 0;
        while (plaintext.hasRemaining()) {
            SSLEngineResult result = pair.server.wrap(plaintext, pair.toClient);
            if (result.getStatus() != SSLEngineResult.Status.OK) {
                throw new SSLException("wrap: " + result);
            }
            produced += result.bytesProduced();
        }
        return produced;
    }

    /** Runs this benchmark; JMH options in {@code args} override the defaults. */
    public static void main(String[] args) throws Exception {
        JmhLauncher.run(TlsRecordBenchmark.class, args, "tls-record.json");
    }
}
