package io.wharf.server.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.config.PortRange;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class PassivePortPoolTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** Binds nothing: an unbound channel is enough for tests that only exercise the pool's bookkeeping. */
    private static final PortBinder UNBOUND = (address, port) -> ServerSocketChannel.open();

    @Test
    void acquireBindsDistinctPortsUntilExhausted() throws IOException {
        List<Integer> ports = freePorts(4);
        PassivePortPool pool = new PassivePortPool(ranges(ports), PortBinder.system());
        assertEquals(4, pool.capacity());
        assertEquals(4, pool.available());

        List<PassiveListener> listeners = new ArrayList<>();
        try {
            Set<Integer> leased = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                PassiveListener listener = pool.acquire(LOOPBACK);
                assertNotNull(listener, "acquire " + i);
                listeners.add(listener);
                assertTrue(leased.add(listener.port()), "port leased twice: " + listener.port());
                assertTrue(ports.contains(listener.port()));
                assertPortIsBound(listener.port());
            }
            assertEquals(0, pool.available());
            assertNull(pool.acquire(LOOPBACK));
            assertEquals(1, pool.exhaustedCount());
            assertTrue(pool.shouldWarnExhausted(), "the first exhaustion is logged");
            assertNull(pool.acquire(LOOPBACK));
            assertFalse(pool.shouldWarnExhausted(), "a second one within 10 s is only counted");
            assertEquals(2, pool.exhaustedCount());
            assertEquals(0, pool.heldElsewhereCount());
        } finally {
            listeners.forEach(PassiveListener::close);
        }
        assertEquals(pool.capacity(), pool.available());
        assertTrue(listeners.stream().allMatch(PassiveListener::isClosed));
    }

    @Test
    void closedListenerReturnsItsPortForReuse() throws IOException {
        PassivePortPool pool = new PassivePortPool(ranges(freePorts(1)), PortBinder.system());
        PassiveListener first = pool.acquire(LOOPBACK);
        assertNotNull(first);
        assertEquals(0, pool.available());
        first.close();
        assertEquals(1, pool.available());
        first.close();                                   // idempotent: the port is not returned twice
        assertEquals(1, pool.available());

        PassiveListener second = pool.acquire(LOOPBACK);
        assertNotNull(second, "port not bindable again after close");
        assertEquals(first.port(), second.port());
        second.close();
        assertEquals(1, pool.available());
    }

    @Test
    void portHeldByAnotherSocketIsSkippedAndStaysInThePool() throws IOException {
        List<Integer> ports = freePorts(3);
        int held = ports.get(1);
        List<PassiveListener> listeners = new ArrayList<>();
        PassivePortPool pool = new PassivePortPool(ranges(ports), PortBinder.system());
        try (ServerSocket other = new ServerSocket()) {
            other.setReuseAddress(false);
            other.bind(new InetSocketAddress(LOOPBACK, held));

            PassiveListener listener;
            while ((listener = pool.acquire(LOOPBACK)) != null) {
                listeners.add(listener);
                assertTrue(listeners.size() <= 2, "acquired more ports than are free");
            }
            assertEquals(2, listeners.size());
            assertTrue(listeners.stream().noneMatch(l -> l.port() == held));
            assertTrue(pool.heldElsewhereCount() >= 1);
            assertEquals(1, pool.exhaustedCount());
            assertEquals(1, pool.available());           // the held port is still in circulation
        } finally {
            listeners.forEach(PassiveListener::close);
        }
        assertEquals(3, pool.available());

        // Once the other socket is gone, the port is leased like any other.
        Set<Integer> leased = new HashSet<>();
        listeners.clear();
        try {
            for (int i = 0; i < 3; i++) {
                PassiveListener listener = pool.acquire(LOOPBACK);
                assertNotNull(listener);
                listeners.add(listener);
                leased.add(listener.port());
            }
        } finally {
            listeners.forEach(PassiveListener::close);
        }
        assertEquals(Set.copyOf(ports), leased);
    }

    @Test
    void binderFindingEveryPortHeldExhaustsWithoutLosingPorts() throws IOException {
        PassivePortPool pool = new PassivePortPool(List.of(new PortRange(40000, 40004)), (address, port) -> null);
        assertNull(pool.acquire(LOOPBACK));
        assertEquals(5, pool.heldElsewhereCount());
        assertEquals(1, pool.exhaustedCount());
        assertEquals(5, pool.available());
    }

    @Test
    void binderFailureLeavesThePortInThePool() throws IOException {
        AtomicBoolean failing = new AtomicBoolean(true);
        AtomicBoolean runtimeFailure = new AtomicBoolean();
        PortBinder binder = (address, port) -> {
            if (runtimeFailure.get()) {
                throw new IllegalStateException("expected by the test");
            }
            if (failing.get()) {
                throw new IOException("Too many open files (expected by the test)");
            }
            return ServerSocketChannel.open();
        };
        PassivePortPool pool = new PassivePortPool(List.of(new PortRange(40000, 40001)), binder);

        assertThrows(IOException.class, () -> pool.acquire(LOOPBACK));
        assertEquals(2, pool.available());
        runtimeFailure.set(true);
        assertThrows(IllegalStateException.class, () -> pool.acquire(LOOPBACK));
        assertEquals(2, pool.available());
        assertEquals(0, pool.exhaustedCount());

        runtimeFailure.set(false);
        failing.set(false);
        PassiveListener a = pool.acquire(LOOPBACK);
        PassiveListener b = pool.acquire(LOOPBACK);
        assertNotNull(a);
        assertNotNull(b);                                // both ports were leased again after the failures
        a.close();
        b.close();
        assertEquals(2, pool.available());
    }

    @Test
    void poolRefusesReleaseOfAPortThatIsNotLeased() throws IOException {
        PassivePortPool pool = new PassivePortPool(List.of(new PortRange(40000, 40000)), UNBOUND);
        PassivePort stray = new PassivePort(40000, 0);
        assertThrows(IllegalStateException.class, () -> pool.release(stray));
        assertEquals(1, pool.available());
    }

    @Test
    void emptyPoolIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new PassivePortPool(List.of(), UNBOUND));
    }

    @Test
    void manyThreadsShareFewPortsWithoutDoubleLeases() throws Exception {
        int threads = 16;
        int cyclesPerThread = 20_000;
        int base = 40000;
        PassivePortPool pool = new PassivePortPool(List.of(new PortRange(base, base + 3)), UNBOUND);
        AtomicIntegerArray holders = new AtomicIntegerArray(4);     // 0 = free, else holder's id
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicLong cycles = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t + 1;
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    for (int done = 0; done < cyclesPerThread; ) {
                        PassiveListener listener = pool.acquire(LOOPBACK);
                        if (listener == null) {
                            Thread.onSpinWait();                // all four leased right now
                            continue;
                        }
                        int slot = listener.port() - base;
                        if (!holders.compareAndSet(slot, 0, id)) {
                            throw new AssertionError("port " + listener.port() + " already held by "
                                    + holders.get(slot));
                        }
                        if (!holders.compareAndSet(slot, id, 0)) {
                            throw new AssertionError("port " + listener.port() + " taken while held");
                        }
                        listener.close();
                        done++;
                        cycles.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "pool-stress-" + id);
            workers.add(worker);
            worker.start();
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError(failures.size() + " worker(s) failed");
            failures.forEach(error::addSuppressed);
            throw error;
        }
        assertEquals((long) threads * cyclesPerThread, cycles.get());
        assertEquals(pool.capacity(), pool.available());
        for (int i = 0; i < 4; i++) {
            assertEquals(0, holders.get(i));
        }
        assertEquals(0, pool.heldElsewhereCount());
    }

    /** Ports the kernel just handed out and nobody holds now (port 0 binds, then closed). */
    private static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocketChannel> probes = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ServerSocketChannel probe = ServerSocketChannel.open();
                probes.add(probe);
                probe.bind(new InetSocketAddress(LOOPBACK, 0));
                ports.add(((InetSocketAddress) probe.getLocalAddress()).getPort());
            }
            return ports;
        } finally {
            for (ServerSocketChannel probe : probes) {
                probe.close();
            }
        }
    }

    private static List<PortRange> ranges(List<Integer> ports) {
        return ports.stream().map(p -> new PortRange(p, p)).toList();
    }

    private static void assertPortIsBound(int port) throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(false);
            assertThrows(BindException.class, () -> probe.bind(new InetSocketAddress(LOOPBACK, port)),
                    "port " + port + " is not bound");
        }
    }
}
