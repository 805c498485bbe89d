package io.wharf.server.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WarningThrottleTest {

    @Test
    void oneWarningPerInterval() {
        WarningThrottle throttle = new WarningThrottle(10, TimeUnit.SECONDS);
        long now = System.nanoTime();
        assertTrue(throttle.tryWarn(now), "the first warning passes");
        assertFalse(throttle.tryWarn(now));
        assertFalse(throttle.tryWarn(now + TimeUnit.SECONDS.toNanos(9)));
        assertTrue(throttle.tryWarn(now + TimeUnit.SECONDS.toNanos(10)));
        assertFalse(throttle.tryWarn(now + TimeUnit.SECONDS.toNanos(11)));
    }

    @Test
    void manyThreadsAtOnceGetOneWarning() {
        WarningThrottle throttle = new WarningThrottle(1, TimeUnit.HOURS);
        long now = System.nanoTime();
        AtomicInteger passed = new AtomicInteger();
        IntStream.range(0, 10_000).parallel().forEach(i -> {
            if (throttle.tryWarn(now)) {
                passed.incrementAndGet();
            }
        });
        assertEquals(1, passed.get());
    }
}
