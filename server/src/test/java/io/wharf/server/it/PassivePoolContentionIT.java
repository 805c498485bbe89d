package io.wharf.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * More sessions than passive ports, all at once: an empty pool answers 425 at once (never blocks a loop), no port
 * is ever handed to two sessions, and every 425 a client sees is one the pool counted.
 */
@Timeout(120)
class PassivePoolContentionIT {

    private static final int PORTS = 4;
    private static final int THREADS = 32;
    private static final int LISTINGS_PER_THREAD = 100;

    @RegisterExtension
    final WharfServerExtension wharf = new WharfServerExtension().passivePorts(PORTS);

    /** Port -> the thread that holds its 227/229 and has not connected yet. */
    private final ConcurrentHashMap<Integer, String> holders = new ConcurrentHashMap<>();
    private final LongAdder refused = new LongAdder();

    @Test
    void thirtyTwoSessionsShareFourPorts() throws Exception {
        Files.writeString(wharf.home().resolve("listed.txt"), "x");
        List<RawFtp> sessions = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            for (int i = 0; i < THREADS; i++) {
                sessions.add(RawFtp.loggedIn(wharf.port()));
            }
            // Phase 1: every session asks at once and nobody connects, so exactly PORTS of them get a port.
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<String>> first = new ArrayList<>();
            for (RawFtp session : sessions) {
                first.add(threads.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return session.command("EPSV");
                }));
            }
            Set<Integer> granted = new HashSet<>();
            for (Future<String> reply : first) {
                String text = reply.get(30, TimeUnit.SECONDS);
                if (text.startsWith("229")) {
                    assertTrue(granted.add(RawFtp.passivePort(text)), "port granted twice: " + text);
                } else {
                    assertEquals(425, RawFtp.code(text), text);
                    assertTrue(text.contains("no passive port free"), text);
                }
            }
            assertEquals(PORTS, granted.size(), "ports granted while all were held");
            assertEquals(THREADS - PORTS, wharf.pool().exhaustedCount());

            // Phase 2: each session lists repeatedly, retrying on 425; ports pass from session to session.
            List<Future<Integer>> listings = new ArrayList<>();
            for (RawFtp session : sessions) {
                listings.add(threads.submit(() -> listRepeatedly(session)));
            }
            for (Future<Integer> done : listings) {
                assertEquals(LISTINGS_PER_THREAD, done.get(90, TimeUnit.SECONDS));
            }
            assertEquals(THREADS - PORTS + refused.sum(), wharf.pool().exhaustedCount(),
                    "425 replies seen by clients vs counted by the pool");
            // A port leased twice would meet its own listener at bind and be counted as held elsewhere.
            assertEquals(0, wharf.pool().heldElsewhereCount());
            for (RawFtp session : sessions) {
                session.expect("QUIT", 221);
            }
        } finally {
            threads.shutdownNow();
            for (RawFtp session : sessions) {
                session.close();
            }
        }
        wharf.assertNoLeaks();
    }

    private int listRepeatedly(RawFtp session) throws IOException {
        String name = Thread.currentThread().getName();
        int listed = 0;
        while (listed < LISTINGS_PER_THREAD) {
            String reply = session.command(listed % 2 == 0 ? "EPSV" : "PASV");
            if (reply.startsWith("425")) {
                refused.increment();
                continue;
            }
            int port = RawFtp.passivePort(reply);
            // Between the reply and our connect the port is ours alone: the pool takes it back only on accept.
            assertNull(holders.putIfAbsent(port, name), "port " + port + " handed out while " + holders.get(port)
                    + " still held it");
            holders.remove(port, name);
            try (Socket data = PassivePortChurnIT.dataSocket(port)) {
                session.send("NLST");
                assertEquals(150, RawFtp.code(session.reply()));
                String names = new String(data.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertEquals("listed.txt\r\n", names);
                assertEquals(226, RawFtp.code(session.reply()));
            }
            listed++;
        }
        return listed;
    }
}
