package io.wharf.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

/**
 * Memory of the server under test: the process and all its descendants, so a server that forks a process per
 * session (vsftpd, pure-ftpd, ProFTPD) is measured whole. Resident set size from {@code /proc/<pid>/status}, and
 * proportional set size from {@code /proc/<pid>/smaps_rollup} (Linux), summed over the tree: RSS counts a page
 * shared by many processes once per process, PSS divides it among them, so for a forking server PSS is the honest
 * figure and RSS the pessimistic one; for one process they agree. Java heap in use comes from
 * {@code jcmd <pid> GC.heap_info} when jcmd is on the PATH and may attach (same user). Any figure may be unavailable;
 * the probe then reports -1 and the report says "n/a".
 */
final class ProcessProbe {

    /** One observation, in KiB; -1 where unknown. {@code processes} counts the process and its descendants. */
    record Memory(long rssKiB, long pssKiB, long heapUsedKiB, int processes) {
    }

    // A generation or heap summary line: " garbage-first heap   total 262144K, used 21875K [...]" (G1), or
    // " def new generation   total ..., used ..." and " tenured generation ..." (Serial), "PSYoungGen"/"ParOldGen".
    private static final Pattern HEAP_LINE = Pattern.compile("^ ?(\\S.*?)\\s+total \\d+K, used (\\d+)K");
    private static final Pattern VM_RSS = Pattern.compile("^VmRSS:\\s+(\\d+) kB", Pattern.MULTILINE);
    private static final Pattern PSS = Pattern.compile("^Pss:\\s+(\\d+) kB", Pattern.MULTILINE);
    private static final long JCMD_TIMEOUT_S = 20;

    private final long pid;

    ProcessProbe(long pid) {
        this.pid = pid;
    }

    long pid() {
        return pid;
    }

    /** Reads every figure now. */
    Memory sample() {
        long[] pids = tree();
        long rss = procKiB(pid, "status", VM_RSS);
        long pss = procKiB(pid, "smaps_rollup", PSS);
        for (int i = 1; i < pids.length; i++) {
            // A child that ended between the listing and the read (a session closing) simply no longer counts.
            rss += rss < 0 ? 0 : Math.max(0, procKiB(pids[i], "status", VM_RSS));
            pss += pss < 0 ? 0 : Math.max(0, procKiB(pids[i], "smaps_rollup", PSS));
        }
        return new Memory(rss, pss, heapUsedKiB(), pids.length);
    }

    /** The process and its descendants alive now; just the pid when the process is unknown to this JVM. */
    private long[] tree() {
        return ProcessHandle.of(pid)
                .map(h -> LongStream.concat(LongStream.of(pid), h.descendants().mapToLong(ProcessHandle::pid)))
                .orElseGet(() -> LongStream.of(pid))
                .toArray();
    }

    /** The {@code kB} figure {@code field} matches in {@code /proc/<p>/<file>}, or -1. */
    private static long procKiB(long p, String file, Pattern field) {
        try {
            Matcher m = field.matcher(Files.readString(Path.of("/proc", Long.toString(p), file)));
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;                      // not Linux, no permission, or the process is gone (a session ended)
        }
    }

    private long heapUsedKiB() {
        String output;
        try {
            Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "GC.heap_info")
                    .redirectErrorStream(true).start();
            try (InputStream stdout = jcmd.getInputStream()) {
                output = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!jcmd.waitFor(JCMD_TIMEOUT_S, TimeUnit.SECONDS)) {
                jcmd.destroyForcibly();
                return -1;
            }
            if (jcmd.exitValue() != 0) {
                return -1;
            }
        } catch (IOException e) {
            return -1;                                          // no jcmd on the PATH: the heap figure is optional
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
        return parseHeapUsedKiB(output);
    }

    /** Sums the "used" of every heap or generation line; Metaspace is not heap. -1 when none is found (ZGC). */
    static long parseHeapUsedKiB(String heapInfo) {
        long used = -1;
        for (String line : heapInfo.split("\n")) {
            Matcher m = HEAP_LINE.matcher(line);
            if (m.find() && !m.group(1).startsWith("Metaspace") && !m.group(1).startsWith("class space")) {
                used = Math.max(used, 0) + Long.parseLong(m.group(2));
            }
        }
        return used;
    }
}
