package io.wharf.bench.vfs;

import io.wharf.bench.JmhLauncher;
import io.wharf.server.vfs.Resolved;
import io.wharf.server.vfs.VirtualFileSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
 * {@link VirtualFileSystem#resolve}, which every file command (SIZE, MDTM, RETR, STOR, CWD, LIST, DELE) runs on its
 * argument: the lexical normalisation ({@link VirtualFileSystem#absolute}, which splits the path and rebuilds it),
 * then the blocking part, an {@code lstat}, a {@code realpath} (which walks the path a component at a time) and a
 * {@code stat}, so it grows with depth. {@link #absolute} measures the lexical part alone, so the difference is the
 * file system's.
 *
 * <p>The home is a temporary directory (on the disk of {@code java.io.tmpdir}; every inode is cached after the first
 * pass) holding {@code /outbound/2024-06-30/file-000123.csv}, {@code /inbound} and a ten-level
 * {@code /a/b/.../j/deep.dat}; the working directory is {@code /outbound/2024-06-30}, as after a client's CWD.
 * {@code path} picks the argument ({@code -p path=DEEP}):
 * <ul>
 *   <li>{@code RELATIVE}: {@code file-000123.csv}, what a client sends after CWD;</li>
 *   <li>{@code ABSOLUTE}: the same file by its full path;</li>
 *   <li>{@code DOT_DOT}: {@code ../../outbound/./2024-06-30/file-000123.csv};</li>
 *   <li>{@code DEEP}: a file ten directories down;</li>
 *   <li>{@code EMPTY}: no argument (LIST, MLSD), the working directory;</li>
 *   <li>{@code MISSING}: a STOR target that does not exist yet (its parent is canonicalised instead);</li>
 *   <li>{@code ESCAPE}: {@code ../../../../etc/passwd}, clamped at {@code /} to a path with no parent.</li>
 * </ul>
 * Scores are nanoseconds per resolution; {@code -prof gc} shows the allocation of the split, the deque and the paths.
 *
 * <pre>
 *   java -jar benchmarks/target/wharf-benchmarks.jar PathResolutionBenchmark -prof gc -rf json -rff /tmp/vfs.json
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Thread)
public class PathResolutionBenchmark {

    private static final String CWD = "/outbound/2024-06-30";
    private static final String DEEP_DIR = "a/b/c/d/e/f/g/h/i/j";

    /** Which client argument is resolved; see the class comment. */
    @Param
    ClientPath path;

    private Path home;
    private VirtualFileSystem vfs;
    private String argument;

    /** Builds the home tree and a file system whose working directory is {@value #CWD}. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        home = TempTree.create("wharf-bench-vfs");
        Files.createDirectories(home.resolve(CWD.substring(1)));
        Files.createDirectories(home.resolve("inbound"));
        Files.createDirectories(home.resolve(DEEP_DIR));
        for (int i = 0; i < 16; i++) {
            Files.writeString(home.resolve(CWD.substring(1)).resolve(String.format("file-%06d.csv", 123 + i)), "x");
        }
        Files.writeString(home.resolve(DEEP_DIR).resolve("deep.dat"), "x");
        vfs = new VirtualFileSystem(home);
        if (!vfs.changeDirectory(CWD).isExistingDirectory()) {
            throw new IllegalStateException("cannot change to " + CWD);
        }
        argument = path.argument;
        Resolved resolved = vfs.resolve(argument);
        if (resolved.status() != path.expected) {
            throw new IllegalStateException(argument + " resolved to " + resolved + ", expected " + path.expected);
        }
    }

    /** Removes the home tree. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        TempTree.delete(home);
    }

    /** The full resolution, as a command handler calls it. */
    @Benchmark
    public Resolved resolve() {
        return vfs.resolve(argument);
    }

    /** Only the lexical normalisation against the working directory. */
    @Benchmark
    public String absolute() {
        return vfs.absolute(argument);
    }

    /** The arguments measured, each with the status it must resolve to. */
    public enum ClientPath {
        /** A file in the working directory, by name. */
        RELATIVE("file-000123.csv", Resolved.Status.EXISTS),
        /** The same file by its full path. */
        ABSOLUTE(CWD + "/file-000123.csv", Resolved.Status.EXISTS),
        /** The same file by a detour through {@code ..} and {@code .}. */
        DOT_DOT("../../outbound/./2024-06-30/file-000123.csv", Resolved.Status.EXISTS),
        /** A file ten directories down. */
        DEEP("/" + DEEP_DIR + "/deep.dat", Resolved.Status.EXISTS),
        /** No argument: the working directory. */
        EMPTY("", Resolved.Status.EXISTS),
        /** A new upload's name. */
        MISSING("upload-2024-06-30.csv", Resolved.Status.MISSING),
        /** An attempt to climb out, clamped at the root. */
        ESCAPE("../../../../etc/passwd", Resolved.Status.NO_PARENT);

        final String argument;
        final Resolved.Status expected;

        ClientPath(String argument, Resolved.Status expected) {
            this.argument = argument;
            this.expected = expected;
        }
    }

    /** Runs this benchmark; JMH options in {@code args} override the defaults. */
    public static void main(String[] args) throws Exception {
        JmhLauncher.run(PathResolutionBenchmark.class, args, "path-resolution.json");
    }
}
