package io.wharf.bench.data;

import io.wharf.bench.JmhLauncher;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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

/**
 * The bare baseline for a plaintext download: a page-cached file sent over a loopback TCP connection with
 * {@link FileChannel#transferTo} ({@code sendfile} on Linux), which is what {@code RetrTransfer} does in IMAGE type,
 * minus the server around it. {@code wharf-bench download} against Wharf can be no faster than this on the same
 * machine; the gap between the two is what Wharf's loop, readiness handling and control protocol cost.
 *
 * <p>One operation sends the whole file of {@code fileMiB} MiB (created at setup from random bytes and read once, so
 * it sits in the page cache). A background thread on the other end reads into a 256 KiB direct buffer and discards,
 * like {@code wharf-bench}'s client. {@link #readWrite} is the copying alternative for comparison: the file read
 * into a 64 KiB heap buffer and written, as {@code RetrTransfer} does for ASCII and TLS (without the encryption).
 * The sender's socket is blocking here, so no selector is involved; the kernel work per byte is the same.
 * The primary score is files per second; the {@code mib} counter beside it is MiB per second. On loopback both ends
 * share the machine's cores: on 2 cores the drain thread competes with the sender.
 *
 * <pre>
 *   java -jar benchmarks/target/wharf-benchmarks.jar TransferToBenchmark -rf json -rff /tmp/transfer-to.json
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Thread)
public class TransferToBenchmark {

    private static final int DRAIN_BYTES = 256 * 1024;
    private static final int COPY_BYTES = 64 * 1024;

    /** File size in MiB. */
    @Param({"64"})
    int fileMiB;

    private Path path;
    private FileChannel file;
    private long size;
    private SocketChannel sender;
    private Drain drain;
    private ByteBuffer copy;
    private long sent;

    /** MiB per second, next to the score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Bytes {
        /** MiB sent; reported per second. */
        public double mib;

        /** JMH reports counters per iteration. */
        @Setup(Level.Iteration)
        public void reset() {
            mib = 0;
        }
    }

    /** Writes and caches the file, and connects the sender to a draining peer over loopback. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        size = (long) fileMiB << 20;
        path = Files.createTempFile("wharf-bench-transfer", ".bin");
        file = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        byte[] chunk = new byte[1 << 20];
        SplittableRandom random = new SplittableRandom(42);
        for (long written = 0; written < size; written += chunk.length) {
            random.nextBytes(chunk);
            file.write(ByteBuffer.wrap(chunk), written);
        }
        ByteBuffer warm = ByteBuffer.allocateDirect(1 << 20);
        for (long read = 0; read < size; warm.clear()) {
            read += file.read(warm, read);            // into the page cache, if writing left anything out
        }
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            sender = SocketChannel.open(listener.getLocalAddress());
            sender.setOption(StandardSocketOptions.TCP_NODELAY, true);       // as Wharf's data connections
            drain = new Drain(listener.accept());
        }
        drain.start();
        copy = ByteBuffer.allocate(COPY_BYTES);
    }

    /** Ends the stream, checks that every byte sent arrived, and removes the file. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException, InterruptedException {
        sender.shutdownOutput();
        drain.join(TimeUnit.SECONDS.toMillis(30));
        sender.close();
        file.close();
        Files.deleteIfExists(path);
        if (drain.isAlive() || drain.received != sent || drain.failure != null) {
            throw new IllegalStateException("sent " + sent + " bytes, the peer received " + drain.received,
                    drain.failure);
        }
    }

    /** The whole file with {@code sendfile}. */
    @Benchmark
    public long transferTo(Bytes bytes) throws IOException {
        long position = 0;
        while (position < size) {
            position += file.transferTo(position, size - position, sender);
        }
        sent += size;
        bytes.mib += fileMiB;
        return position;
    }

    /** The whole file through a heap buffer: read, write, repeat. */
    @Benchmark
    public long readWrite(Bytes bytes) throws IOException {
        long position = 0;
        while (position < size) {
            copy.clear();
            int read = file.read(copy, position);
            copy.flip();
            while (copy.hasRemaining()) {
                sender.write(copy);
            }
            position += read;
        }
        sent += size;
        bytes.mib += fileMiB;
        return position;
    }

    /** The receiving end: reads until the sender shuts down its output. */
    private static final class Drain extends Thread {
        private final SocketChannel channel;
        volatile long received;
        volatile IOException failure;

        Drain(SocketChannel channel) {
            super("wharf-bench-drain");
            this.channel = channel;
            setDaemon(true);
        }

        @Override
        public void run() {
            ByteBuffer buffer = ByteBuffer.allocateDirect(DRAIN_BYTES);
            long total = 0;
            try (SocketChannel in = channel) {
                for (int n; (n = in.read(buffer)) >= 0; buffer.clear()) {
                    total += n;
                }
            } catch (IOException e) {
                failure = e;
            }
            received = total;
        }
    }

    /** Runs this benchmark; JMH options in {@code args} override the defaults. */
    public static void main(String[] args) throws Exception {
        JmhLauncher.run(TransferToBenchmark.class, args, "transfer-to.json");
    }
}
