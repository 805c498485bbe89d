package io.wharf.bench.control;

import io.wharf.bench.JmhLauncher;
import io.wharf.server.command.StandardCommands;
import io.wharf.server.control.Command;
import io.wharf.server.control.CommandSpec;
import io.wharf.server.control.CommandTable;
import io.wharf.server.control.Phase;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What a session does with a decoded control line before the handler runs: {@link Command#parse} (packed verb,
 * upper-cased verb text, UTF-8 argument) and the {@link CommandTable} lookup plus the phase check, as
 * {@code ControlSession.dispatch} does them. {@link LineDecoderBenchmark} measures the same with the decoder in front;
 * this one takes the decoder out, so the parse and the lookup can be told apart.
 *
 * <p>The mix is {@value #LINES} lines of a GUI client's session (FileZilla and WinSCP send much the same): login,
 * FEAT, a {@code CLNT} and a {@code LANG} the table does not have (misses, answered 502), directory listings, a run of
 * SIZE/MDTM/EPSV/RETR, an upload with a rename, lower-case verbs from a script, and a non-ASCII file name, which takes
 * {@code Command.parse}'s UTF-8 decoder past its ASCII fast path. Scores are nanoseconds per line; run with
 * {@code -prof gc} for the bytes {@code parse} allocates per line (the verb text, the argument and the record).
 *
 * <pre>
 *   java -jar benchmarks/target/wharf-benchmarks.jar CommandDispatchBenchmark -prof gc -rf json -rff /tmp/dispatch.json
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Thread)
public class CommandDispatchBenchmark {

    /** Lines per invocation; scores are divided by it. */
    static final int LINES = 32;

    private static final String[] MIX = {
        "USER partner-017", "PASS s3cr3t-Pa55word", "SYST", "FEAT", "CLNT FileZilla 3.67.0", "OPTS UTF8 ON", "PWD",
        "TYPE I", "PASV", "MLSD", "CWD /outbound/2024-06-30", "PWD", "PASV", "MLSD",
        "SIZE file-000123.csv", "MDTM file-000123.csv", "EPSV", "RETR file-000123.csv",
        "size file-000124.csv", "mdtm file-000124.csv", "epsv", "retr file-000124.csv",
        "SIZE \u00dcberweisungen-Juni.csv", "EPSV", "RETR \u00dcberweisungen-Juni.csv",
        "LANG en", "CWD /inbound", "EPSV", "STOR ack-2024-06-30.xml.part",
        "RNFR ack-2024-06-30.xml.part", "RNTO ack-2024-06-30.xml", "QUIT",
    };

    private byte[][] lines;
    private long[] verbs;
    private CommandTable table;

    /** Encodes the lines once, and pre-parses their verbs for {@link #lookup}. */
    @Setup
    public void setUp() {
        if (MIX.length != LINES) {
            throw new IllegalStateException(MIX.length + " lines in the mix, expected " + LINES);
        }
        table = StandardCommands.table();
        lines = new byte[LINES][];
        verbs = new long[LINES];
        int misses = 0;
        for (int i = 0; i < LINES; i++) {
            lines[i] = MIX[i].getBytes(StandardCharsets.UTF_8);
            verbs[i] = Command.parse(lines[i], lines[i].length).verb();
            misses += table.lookup(verbs[i]) == null ? 1 : 0;
        }
        if (misses != 2) {
            throw new IllegalStateException(misses + " verbs missing from the table, expected 2 (CLNT, LANG)");
        }
    }

    /** {@code Command.parse} alone. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public void parse(Blackhole bh) {
        for (byte[] line : lines) {
            bh.consume(Command.parse(line, line.length));
        }
    }

    /** The table lookup and phase check alone, on verbs parsed at setup. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public void lookup(Blackhole bh) {
        for (long verb : verbs) {
            CommandSpec spec = table.lookup(verb);
            bh.consume(spec != null && spec.isAllowedIn(Phase.LOGGED_IN));
        }
    }

    /** Both, as the session does them per line. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public void parseAndLookup(Blackhole bh) {
        for (byte[] line : lines) {
            Command command = Command.parse(line, line.length);
            CommandSpec spec = table.lookup(command.verb());
            bh.consume(command);
            bh.consume(spec != null && spec.isAllowedIn(Phase.LOGGED_IN));
        }
    }

    /** Runs this benchmark; JMH options in {@code args} override the defaults. */
    public static void main(String[] args) throws Exception {
        JmhLauncher.run(CommandDispatchBenchmark.class, args, "command-dispatch.json");
    }
}
