package io.wharf.server.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class PortBitmapTest {

    @Test
    void leasesEverySlotOnceThenReportsFull() {
        PortBitmap bitmap = new PortBitmap(130);              // two full words and a partial third
        Set<Integer> slots = new HashSet<>();
        for (int i = 0; i < 130; i++) {
            int slot = bitmap.lease(ThreadLocalRandom.current().nextInt());
            assertTrue(slot >= 0 && slot < 130, "slot " + slot);
            assertTrue(slots.add(slot), "slot leased twice: " + slot);
        }
        assertEquals(0, bitmap.available());
        assertEquals(-1, bitmap.lease(0));
        bitmap.release(129);
        assertEquals(129, bitmap.lease(5), "the only free slot is found by wrapping around");
    }

    @Test
    void startsWhereTheCallerSaysAndWraps() {
        PortBitmap bitmap = new PortBitmap(100);
        assertEquals(42, bitmap.lease(42));
        assertEquals(43, bitmap.lease(42));
        assertEquals(99, bitmap.lease(99));
        assertEquals(0, bitmap.lease(99), "past the last slot the search wraps to the first");
        assertEquals(7, bitmap.lease(107), "starts are taken modulo the size");
        assertEquals(1, bitmap.lease(-99), "negative starts too");
        assertEquals(94, bitmap.available());
    }

    @Test
    void releaseOfAFreeSlotIsRefused() {
        PortBitmap bitmap = new PortBitmap(10);
        int slot = bitmap.lease(3);
        assertTrue(bitmap.isLeased(slot));
        bitmap.release(slot);
        assertFalse(bitmap.isLeased(slot));
        assertThrows(IllegalStateException.class, () -> bitmap.release(slot));
        assertEquals(10, bitmap.available());
        assertThrows(IllegalArgumentException.class, () -> new PortBitmap(0));
    }

    @Test
    void threadsNeverShareASlot() throws Exception {
        int slots = 70;
        PortBitmap bitmap = new PortBitmap(slots);
        AtomicIntegerArray owners = new AtomicIntegerArray(slots);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 1; t <= 16; t++) {
            int id = t;
            threads.add(new Thread(() -> {
                try {
                    for (int i = 0; i < 50_000; i++) {
                        int slot = bitmap.lease(ThreadLocalRandom.current().nextInt(slots));
                        if (slot < 0) {
                            continue;
                        }
                        if (!owners.compareAndSet(slot, 0, id)) {
                            throw new AssertionError("slot " + slot + " leased while thread " + owners.get(slot)
                                    + " held it");
                        }
                        owners.set(slot, 0);
                        bitmap.release(slot);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertEquals(slots, bitmap.available());
    }
}
