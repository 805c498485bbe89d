package io.wharf.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.config.SessionReuse;
import io.wharf.config.TlsRequirement;
import io.wharf.server.data.PassivePortPool;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The leak test behind the passive port pool: 100,000 PASV/EPSV cycles from many threads, ending every way a
 * cycle or a session can end (transfer done, listener replaced, data connection left unused, transfer reset or
 * aborted, data-connect timeout, QUIT, control reset, control closed mid-transfer, idle timeout, TLS failure). Then
 * every port must be back in the pool, no listening socket left in the pool's range, and the process's file
 * descriptors back to where they were before the server started.
 */
@Timeout(600)
class PassivePortChurnIT {

    private static final int CYCLES = 100_000;
    private static final int THREADS = 16;
    private static final int PORTS = 64;
    private static final int SMALL_BYTES = 16 * 1024;
    /** Big enough that a transfer cannot finish inside the loopback socket buffers before it is cut short. */
    private static final int BIG_BYTES = 48 * 1024 * 1024;

    @RegisterExtension
    final WharfServerExtension wharf = new WharfServerExtension()
            .passivePorts(PORTS)
            .dataConnectTimeout(java.time.Duration.ofMillis(200))
            .idleTimeout(java.time.Duration.ofSeconds(2))
            .tls(false, TlsRequirement.NONE, SessionReuse.ALLOW);

    /** How a PASV/EPSV cycle ends. */
    enum CycleEnd {
        LIST, RETR, REPLACED, CONNECTED_UNUSED, DATA_RESET, ABORTED, CONNECT_TIMEOUT
    }

    /** How a session ends. */
    enum SessionEnd {
        QUIT, CONTROL_RESET, CONTROL_RESET_MID_TRANSFER, CONTROL_CLOSED, IDLE_TIMEOUT, TLS_FAILURE
    }

    private final AtomicInteger cycles = new AtomicInteger();
    private final Map<CycleEnd, LongAdder> cycleEnds = counters(CycleEnd.class);
    private final Map<SessionEnd, LongAdder> sessionEnds = counters(SessionEnd.class);
    private String smallSha256;

    @Test
    void everyPortComesBackAfterAHundredThousandCyclesEndedEveryWay() throws Exception {
        byte[] small = new byte[SMALL_BYTES];
        new Random(6).nextBytes(small);
        Files.write(wharf.home().resolve("small.bin"), small);
        smallSha256 = Digests.sha256(small);
        writeBigFile(wharf.home().resolve("big.bin"));
        SSLContext tls = TlsFtp.trustingTestCertificate();

        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> workers = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                long seed = 1_000 + t;
                workers.add(threads.submit(() -> {
                    churn(new SplittableRandom(seed), tls);
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(540, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        assertTrue(cycles.get() >= CYCLES, "cycles run: " + cycles.get());
        for (CycleEnd end : CycleEnd.values()) {
            assertTrue(cycleEnds.get(end).sum() > 0, "no cycle ended " + end + ": " + cycleEnds);
        }
        for (SessionEnd end : SessionEnd.values()) {
            assertTrue(sessionEnds.get(end).sum() > 0, "no session ended " + end + ": " + sessionEnds);
        }
        PassivePortPool pool = wharf.pool();
        assertEquals(0, pool.exhaustedCount(), "16 sessions never need more than 64 ports");
        wharf.assertNoLeaks();
        assertEquals(List.of(), PassiveSockets.listening(wharf.passiveRange()),
                "listening sockets left in the passive range");
    }

    private void churn(SplittableRandom random, SSLContext tls) throws Exception {
        while (cycles.get() < CYCLES) {
            boolean encrypted = random.nextInt(50) == 0;
            ChurnSession session = encrypted ? ChurnSession.tls(tls, wharf.port()) : ChurnSession.plain(wharf.port());
            runSession(session, random);
        }
    }

    private void runSession(ChurnSession session, SplittableRandom random) throws Exception {
        try {
            while (true) {
                cycles.incrementAndGet();
                int port = session.openPassive(random.nextBoolean());
                if (random.nextInt(25) == 0 || cycles.get() >= CYCLES) {
                    endSession(session, port, random);
                    return;
                }
                CycleEnd end = session.encrypted() ? pickTlsCycle(random) : pickCycle(random);
                runCycle(session, port, end);
                cycleEnds.get(end).increment();
            }
        } finally {
            session.close();
        }
    }

    private static CycleEnd pickCycle(SplittableRandom random) {
        int roll = random.nextInt(1000);
        if (roll < 300) {
            return CycleEnd.LIST;
        } else if (roll < 400) {
            return CycleEnd.RETR;
        } else if (roll < 800) {
            return CycleEnd.REPLACED;
        } else if (roll < 900) {
            return CycleEnd.CONNECTED_UNUSED;
        } else if (roll < 950) {
            return CycleEnd.DATA_RESET;
        } else if (roll < 996) {
            return CycleEnd.ABORTED;
        }
        return CycleEnd.CONNECT_TIMEOUT;
    }

    private static CycleEnd pickTlsCycle(SplittableRandom random) {
        return random.nextBoolean() ? CycleEnd.LIST : CycleEnd.REPLACED;
    }

    private void runCycle(ChurnSession session, int port, CycleEnd end) throws IOException {
        switch (end) {
            case LIST -> {
                String listing = new String(session.transfer("LIST", port), StandardCharsets.UTF_8);
                assertTrue(listing.contains("small.bin"), listing);
            }
            case RETR -> assertEquals(smallSha256, Digests.sha256(session.transfer("RETR small.bin", port)));
            case REPLACED -> {
                // The next PASV/EPSV replaces this listener.
            }
            case CONNECTED_UNUSED -> dataSocket(port).close();
            case DATA_RESET -> session.cutDownload(port, false);
            case ABORTED -> session.cutDownload(port, true);
            case CONNECT_TIMEOUT -> session.expectConnectTimeout();
            default -> throw new IllegalStateException(end.name());
        }
    }

    private void endSession(ChurnSession session, int port, SplittableRandom random) throws IOException {
        SessionEnd end = session.encrypted() ? SessionEnd.TLS_FAILURE : pickSessionEnd(random);
        switch (end) {
            case QUIT -> session.quit();
            case CONTROL_RESET -> session.reset();
            case CONTROL_RESET_MID_TRANSFER -> session.resetMidTransfer(port);
            case CONTROL_CLOSED -> session.close();
            case IDLE_TIMEOUT -> session.awaitIdleTimeout();
            case TLS_FAILURE -> session.breakTls();
            default -> throw new IllegalStateException(end.name());
        }
        sessionEnds.get(end).increment();
    }

    private static SessionEnd pickSessionEnd(SplittableRandom random) {
        int roll = random.nextInt(100);
        if (roll < 35) {
            return SessionEnd.QUIT;
        } else if (roll < 60) {
            return SessionEnd.CONTROL_RESET;
        } else if (roll < 80) {
            return SessionEnd.CONTROL_RESET_MID_TRANSFER;
        } else if (roll < 98) {
            return SessionEnd.CONTROL_CLOSED;
        }
        return SessionEnd.IDLE_TIMEOUT;
    }

    static Socket dataSocket(int port) throws IOException {
        Socket data = new Socket();
        data.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        data.setSoTimeout(30_000);
        return data;
    }

    private static void writeBigFile(Path file) throws IOException {
        byte[] block = new byte[1024 * 1024];
        new Random(7).nextBytes(block);
        try (var out = Files.newOutputStream(file)) {
            for (int written = 0; written < BIG_BYTES; written += block.length) {
                out.write(block);
            }
        }
    }

    private static <E extends Enum<E>> Map<E, LongAdder> counters(Class<E> type) {
        Map<E, LongAdder> counters = new EnumMap<>(type);
        for (E value : type.getEnumConstants()) {
            counters.put(value, new LongAdder());
        }
        return counters;
    }
}
