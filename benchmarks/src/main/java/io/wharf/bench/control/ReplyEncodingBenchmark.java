package io.wharf.bench.control;

import io.wharf.bench.JmhLauncher;
import io.wharf.server.command.StandardCommands;
import io.wharf.server.control.ReplyBuffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The control-connection output path: a {@link ReplyBuffer} encoding replies and flushing them into a transport that
 * takes every byte at once ({@link DiscardingTransport}), so the score is encoding and buffer bookkeeping only.
 *
 * <p>One operation is what one command's reply costs a session:
 * <ul>
 *   <li>{@link #transferReplies}: the {@code 150} that starts a download and the {@code 226} that ends it, each
 *       flushed on its own as the server does (the data transfer happens in between);</li>
 *   <li>{@link #feat}: the {@code 211} FEAT reply of an FTPS listener, 18 lines, which most clients ask for on every
 *       login;</li>
 *   <li>{@link #help}: the {@code 214} HELP reply listing every verb of the real command table;</li>
 *   <li>{@link #statListing}: a {@code 213} STAT reply of a 40-entry directory (about 2.7 KB), larger than the
 *       buffer's initial 512 bytes, so it shows the cost of growing the buffer and of giving the memory back after
 *       the flush.</li>
 * </ul>
 * Texts are built once at setup: what handlers spend building them (string concatenation, FEAT's sorted list) is
 * theirs, not the buffer's. Scores are nanoseconds per reply; run with {@code -prof gc} for bytes allocated per reply
 * ({@code gc.alloc.rate.norm}), which should be 0 for replies that fit the initial buffer.
 *
 * <pre>
 *   java -jar benchmarks/target/wharf-benchmarks.jar ReplyEncodingBenchmark -prof gc -rf json -rff /tmp/reply.json
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Thread)
public class ReplyEncodingBenchmark {

    /** The session's cap ({@code ControlSession.MAX_REPLY_BYTES}). */
    private static final int MAX_REPLY_BYTES = 64 * 1024;
    private static final String OPENING = "Opening BINARY mode data connection for /outbound/2024-06-30/"
            + "file-000123.csv (18734512 bytes)";
    /** As {@code InfoCommands.feat} builds it for an explicit-FTPS listener, sorted. */
    private static final List<String> FEATURES = List.of(
            "AUTH TLS", "EPRT", "EPSV", "HASH SHA-256*;SHA-1;MD5;CRC32", "HOST", "MDTM", "MFMT", "MLSD",
            "MLST type*;size*;modify*;perm*;unique*;", "PASV", "PBSZ", "PROT", "REST STREAM", "SIZE", "TVFS",
            "UTF8");
    private static final int STAT_ENTRIES = 40;

    private ReplyBuffer replies;
    private DiscardingTransport transport;
    private List<String> helpRows;
    private List<String> statLines;

    /** One buffer per benchmark thread, as one per session; the texts a handler would pass. */
    @Setup
    public void setUp() {
        replies = new ReplyBuffer(MAX_REPLY_BYTES);
        transport = new DiscardingTransport();
        helpRows = rows(StandardCommands.table().verbs(), 8);
        statLines = new ArrayList<>(STAT_ENTRIES);
        for (int i = 0; i < STAT_ENTRIES; i++) {
            statLines.add(String.format("-rw-r--r-- 1 ftp ftp %12d Jun %2d 14:%02d file-%06d.csv",
                    1_000_000L + 7919L * i, 1 + i % 28, i % 60, 123 + i));
        }
    }

    /** A benchmark whose replies never reached the transport measured nothing. */
    @TearDown(Level.Trial)
    public void check() {
        if (transport.bytesWritten() == 0 || !replies.isEmpty() || replies.isOverflowed()) {
            throw new IllegalStateException("replies were not flushed: " + transport.bytesWritten() + " bytes out");
        }
    }

    /** {@code 150} flushed, then {@code 226} flushed: a download's two replies. */
    @Benchmark
    public boolean transferReplies() throws IOException {
        replies.reply(150, OPENING);
        boolean drained = replies.flushTo(transport);
        replies.reply(226, "Transfer complete");
        return replies.flushTo(transport) & drained;
    }

    /** The FEAT reply of an FTPS listener. */
    @Benchmark
    public boolean feat() throws IOException {
        replies.multiline(211, "Features:", FEATURES, "End");
        return replies.flushTo(transport);
    }

    /** The HELP reply: every verb, eight to a line. */
    @Benchmark
    public boolean help() throws IOException {
        replies.multiline(214, "The following commands are recognized:", helpRows, "Help OK");
        return replies.flushTo(transport);
    }

    /** A STAT reply that outgrows the initial buffer. */
    @Benchmark
    public boolean statListing() throws IOException {
        replies.multiline(213, "Status of /outbound/2024-06-30:", statLines, "End of status");
        return replies.flushTo(transport);
    }

    /** As {@code HelpCommands.rows}: {@code perLine} verbs to a line, separated by spaces. */
    private static List<String> rows(String[] verbs, int perLine) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < verbs.length; i += perLine) {
            rows.add(String.join(" ", List.of(verbs).subList(i, Math.min(i + perLine, verbs.length))));
        }
        return rows;
    }

    /** Runs this benchmark; JMH options in {@code args} override the defaults. */
    public static void main(String[] args) throws Exception {
        JmhLauncher.run(ReplyEncodingBenchmark.class, args, "reply-encoding.json");
    }
}
