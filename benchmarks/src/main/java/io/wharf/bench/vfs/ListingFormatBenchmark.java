package io.wharf.bench.vfs;

import io.wharf.bench.JmhLauncher;
import io.wharf.server.vfs.DirectoryListing;
import io.wharf.server.vfs.ListingFormatter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A directory listing of {@value #ENTRIES} entries, as {@code ListTransfer} produces it for LIST ({@code LONG},
 * {@code ls -l} lines) and MLSD ({@code FACTS}, RFC 3659): {@link DirectoryListing} reads the directory and stats each
 * entry, {@link ListingFormatter} writes the lines into a 32 KiB buffer that is emptied whenever less than a line's
 * room is left, as the transfer's buffer is when the socket has taken it. Nothing reaches a socket.
 *
 * <p>Three measurements, so the cost can be split:
 * <ul>
 *   <li>{@link #readAndFormat}: the whole path, one listing per operation;</li>
 *   <li>{@link #readOnly}: only the directory read and the {@code lstat} per entry;</li>
 *   <li>{@link #formatOnly}: only the formatting, from names and attributes read at setup.</li>
 * </ul>
 * The directory is created at setup in a temporary directory: 9,900 sparse files of assorted sizes (half modified
 * within six months, half earlier, so both of LIST's date layouts appear) and 100 subdirectories. Scores are
 * nanoseconds per entry; multiply by {@value #ENTRIES} for one listing. {@code -prof gc} shows the allocation per
 * entry, most of it the JDK's ({@code Path}, file name {@code String}, {@code PosixFileAttributes}).
 *
 * <pre>
 *   java -jar benchmarks/target/wharf-benchmarks.jar ListingFormatBenchmark -prof gc -rf json -rff /tmp/listing.json
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public class ListingFormatBenchmark {

    /** Entries in the directory; scores are divided by it. */
    static final int ENTRIES = 10_000;
    private static final int DIRECTORIES = 100;
    /** {@code ListTransfer}'s buffer. */
    private static final int BUFFER_BYTES = 32 * 1024;
    private static final long DAY_MS = 24L * 3600 * 1000;

    private Path home;
    private Path dir;
    private String[] names;
    private PosixFileAttributes[] attributes;

    /** What each formatting benchmark thread owns: the style, a formatter and an output buffer. */
    @State(Scope.Thread)
    public static class Output {
        /** LIST's {@code ls -l} lines or MLSD's facts. */
        @Param({"LONG", "FACTS"})
        ListingFormatter.Style style;

        final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
        long bytes;

        /** Appends one entry, first emptying the buffer if a line might not fit, as {@code ListTransfer.fill}. */
        void append(ListingFormatter formatter, String name, PosixFileAttributes entry) {
            if (buffer.remaining() < ListingFormatter.MAX_LINE_BYTES) {
                bytes += buffer.position();
                buffer.clear();
            }
            formatter.append(style, name, entry, buffer);
        }

        /** The listing's length in bytes; resets for the next listing. */
        long finish() {
            long total = bytes + buffer.position();
            bytes = 0;
            buffer.clear();
            return total;
        }
    }

    /** Creates the directory and reads it once for {@link #formatOnly}. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        home = TempTree.create("wharf-bench-listing");
        dir = Files.createDirectory(home.resolve("outbound"));
        long nowMs = System.currentTimeMillis();
        for (int i = 0; i < ENTRIES; i++) {
            Path entry;
            if (i % (ENTRIES / DIRECTORIES) == 0) {
                entry = Files.createDirectory(dir.resolve(String.format("batch-%04d", i)));
            } else {
                entry = dir.resolve(String.format("invoice-%06d-%s.csv", i, i % 2 == 0 ? "final" : "draft"));
                try (RandomAccessFile file = new RandomAccessFile(entry.toFile(), "rw")) {
                    file.setLength((i * 7919L) % (64L << 20));      // sparse: sizes from 0 to 64 MiB, no disk used
                }
            }
            long ageDays = i % 2 == 0 ? i % 150 : 200 + i % 1000;
            Files.setLastModifiedTime(entry, FileTime.fromMillis(nowMs - ageDays * DAY_MS - i * 1000L));
        }
        names = new String[ENTRIES];
        attributes = new PosixFileAttributes[ENTRIES];
        int n = 0;
        try (DirectoryListing listing = DirectoryListing.of(dir, home)) {
            while (listing.next()) {
                if (n == ENTRIES) {
                    throw new IllegalStateException("more than " + ENTRIES + " entries listed");
                }
                names[n] = listing.name();
                attributes[n++] = listing.attributes();
            }
        }
        if (n != ENTRIES) {
            throw new IllegalStateException(n + " entries listed, expected " + ENTRIES);
        }
    }

    /** Removes the directory. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        TempTree.delete(home);
    }

    /** Read, stat and format the whole directory, as one LIST or MLSD does; returns the listing's length. */
    @Benchmark
    @OperationsPerInvocation(ENTRIES)
    public long readAndFormat(Output output) throws IOException {
        ListingFormatter formatter = new ListingFormatter(System.currentTimeMillis() / 1000);
        try (DirectoryListing listing = DirectoryListing.of(dir, home)) {
            while (listing.next()) {
                output.append(formatter, listing.name(), listing.attributes());
            }
        }
        return output.finish();
    }

    /** Read and stat only; returns a value depending on every entry. */
    @Benchmark
    @OperationsPerInvocation(ENTRIES)
    public long readOnly() throws IOException {
        long sum = 0;
        try (DirectoryListing listing = DirectoryListing.of(dir, home)) {
            while (listing.next()) {
                sum += listing.name().length() + listing.attributes().size();
            }
        }
        return sum;
    }

    /** Format only, from the names and attributes read at setup. */
    @Benchmark
    @OperationsPerInvocation(ENTRIES)
    public long formatOnly(Output output) {
        ListingFormatter formatter = new ListingFormatter(System.currentTimeMillis() / 1000);
        for (int i = 0; i < ENTRIES; i++) {
            output.append(formatter, names[i], attributes[i]);
        }
        return output.finish();
    }

    /** Runs this benchmark; JMH options in {@code args} override the defaults. */
    public static void main(String[] args) throws Exception {
        JmhLauncher.run(ListingFormatBenchmark.class, args, "listing-format.json");
    }
}
