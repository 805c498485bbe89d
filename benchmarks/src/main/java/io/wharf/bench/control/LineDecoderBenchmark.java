package io.wharf.bench.control;

import io.wharf.bench.JmhLauncher;
import io.wharf.server.command.StandardCommands;
import io.wharf.server.control.Command;
import io.wharf.server.control.CommandSpec;
import io.wharf.server.control.CommandTable;
import io.wharf.server.control.LineDecoder;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The control-connection input path, per command line: {@link LineDecoder} alone, and decoder plus
 * {@link Command#parse} plus the {@link CommandTable} lookup, which is everything a session does with a line before
 * its handler runs.
 *
 * <p>The input is {@value #LINES} pipelined commands of a typical batch download ({@link ControlStream}), fed either
 * as one 4 KiB read or in 7-byte reads, which splits almost every line (and many CRLFs) across reads and so
 * exercises the decoder's resumable state. Scores are nanoseconds per line. Run with {@code -prof gc} to see the
 * allocation of {@code Command.parse} (two strings and a record per line), which the decoder itself does not have.
 *
 * <pre>
 *   java -jar benchmarks/target/wharf-benchmarks.jar LineDecoderBenchmark -rf json -rff line-decoder.json
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class LineDecoderBenchmark {

    /** Command lines per invocation; scores are divided by it. */
    static final int LINES = 64;
    /** The server's default cap ({@code limits.max-command-line-bytes}). */
    private static final int MAX_LINE_BYTES = 4096;

    /** Bytes delivered per simulated socket read. */
    @Param({"4096", "7"})
    int readBytes;

    private ByteBuffer stream;
    private LineDecoder decoder;
    private CommandTable table;

    /** Builds the stream, the decoder and the full command table once, as a session and a server do. */
    @Setup
    public void setUp(Blackhole bh) {
        // Heap buffer, like the session's input buffer (ControlSession allocates it with ByteBuffer.allocate).
        stream = ByteBuffer.wrap(ControlStream.pipelined(LINES));
        decoder = new LineDecoder(MAX_LINE_BYTES);
        table = StandardCommands.table();
        int lines = feed(bh, true);
        if (lines != LINES) {
            throw new IllegalStateException("decoded " + lines + " lines, expected " + LINES);
        }
    }

    /** Decoding only: the line bytes and length go to the blackhole. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public int decode(Blackhole bh) {
        return feed(bh, false);
    }

    /** Decoding, parsing and looking up the verb: the command and its spec go to the blackhole. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public int decodeParseLookup(Blackhole bh) {
        return feed(bh, true);
    }

    /**
     * Feeds the whole stream, {@link #readBytes} at a time, the way {@code ControlSession.pump} drains its input.
     * {@code parse} is a constant at each call site, so the JIT folds the branch away.
     */
    private int feed(Blackhole bh, boolean parse) {
        ByteBuffer in = rewind();
        int lines = 0;
        for (int end = readBytes; ; end += readBytes) {
            in.limit(Math.min(end, in.capacity()));
            LineDecoder.Result result;
            while ((result = decoder.decode(in)) != LineDecoder.Result.NEED_MORE) {
                if (result != LineDecoder.Result.LINE) {
                    continue;
                }
                lines++;
                if (parse) {
                    Command command = Command.parse(decoder.line(), decoder.length());
                    CommandSpec spec = table.lookup(command.verb());
                    bh.consume(command);
                    bh.consume(spec);
                } else {
                    bh.consume(decoder.line());
                    bh.consume(decoder.length());
                }
            }
            if (in.limit() == in.capacity()) {
                return lines;
            }
        }
    }

    private ByteBuffer rewind() {
        stream.clear();
        return stream;
    }

    /** Runs this benchmark; JMH options in {@code args} override the defaults. */
    public static void main(String[] args) throws Exception {
        JmhLauncher.run(LineDecoderBenchmark.class, args, "line-decoder.json");
    }
}
