package io.wharf.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory of the server process under test: resident set size from {@code /proc/<pid>/status} (Linux), and Java heap
 * in use from {@code jcmd <pid> GC.heap_info} when jcmd is on the PATH and may attach (same user). Either may be
 * unavailable; the probe then reports -1 and the report says "n/a".
 */
final class ProcessProbe {

    /** One observation, in KiB; -1 where unknown. */
    record Memory(long rssKiB, long heapUsedKiB) {
    }

    // A generation or heap summary line: " garbage-first heap   total 262144K, used 21875K [...]" (G1), or
    // " def new generation   total ..., used ..." and " tenured generation ..." (Serial), "PSYoungGen"/"ParOldGen".
    private static final Pattern HEAP_LINE = Pattern.compile("^ ?(\\S.*?)\\s+total \\d+K, used (\\d+)K");
    private static final Pattern VM_RSS = Pattern.compile("^VmRSS:\\s+(\\d+) kB", Pattern.MULTILINE);
    private static final long JCMD_TIMEOUT_S = 20;

    private final long pid;

    ProcessProbe(long pid) {
        this.pid = pid;
    }

    long pid() {
        return pid;
    }

    /** Reads both figures now. */
    Memory sample() {
        return new Memory(rssKiB(), heapUsedKiB());
    }

    private long rssKiB() {
        try {
            String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
            Matcher m = VM_RSS.matcher(status);
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;                                          // not Linux, or the process is gone
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
