package io.wharf.server.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TimerWheelTest {

    /** An arbitrary, not tick-aligned start; the wheel must not care where the clock's origin is. */
    private static final long T0 = 987_654_321_123L;
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long TICK = 1L << 26;

    private final List<String> fired = new ArrayList<>();

    @Test
    void firesAtItsDeadlineNotBefore() {
        TimerWheel wheel = new TimerWheel(T0);
        TimerWheel.Timer timer = timer("a");
        long deadline = T0 + 5 * SECOND;
        wheel.schedule(timer, deadline);
        assertTrue(timer.isScheduled());
        assertEquals(deadline, timer.deadlineNs());

        for (long now = T0; now < deadline; now += 7 * MS) {
            assertEquals(0, wheel.expire(now), "fired early at +" + (now - T0) / MS + " ms");
        }
        assertEquals(0, wheel.expire(deadline - 1));
        assertEquals(1, wheel.expire(deadline));
        assertEquals(List.of("a"), fired);
        assertFalse(timer.isScheduled());
        assertEquals(0, wheel.size());
    }

    @Test
    void firesWhenFirstCheckedAfterItsDeadline() {
        TimerWheel wheel = new TimerWheel(T0);
        wheel.schedule(timer("a"), T0 + 3 * SECOND);
        assertEquals(0, wheel.expire(T0 + SECOND));
        assertEquals(1, wheel.expire(T0 + 3 * SECOND + 123 * MS));
        assertEquals(List.of("a"), fired);
    }

    @Test
    void firesOnlyOnce() {
        TimerWheel wheel = new TimerWheel(T0);
        wheel.schedule(timer("a"), T0 + SECOND);
        assertEquals(1, wheel.expire(T0 + 2 * SECOND));
        for (long now = T0 + 2 * SECOND; now < T0 + 100 * SECOND; now += 50 * MS) {
            assertEquals(0, wheel.expire(now));
        }
        assertEquals(List.of("a"), fired);
    }

    @Test
    void deadlineAlreadyPastFiresOnNextExpire() {
        TimerWheel wheel = new TimerWheel(T0);
        wheel.expire(T0 + 10 * SECOND);
        wheel.schedule(timer("late"), T0 + SECOND);
        assertEquals(1, wheel.expire(T0 + 10 * SECOND));
        assertEquals(List.of("late"), fired);
    }

    @Test
    void cancelledTimerNeverFires() {
        TimerWheel wheel = new TimerWheel(T0);
        TimerWheel.Timer timer = timer("a");
        wheel.schedule(timer, T0 + SECOND);
        wheel.cancel(timer);
        assertFalse(timer.isScheduled());
        assertEquals(0, wheel.size());
        assertEquals(0, wheel.expire(T0 + 60 * SECOND));
        wheel.cancel(timer);                       // harmless when not armed
        assertEquals(0, wheel.size());
        assertTrue(fired.isEmpty());
    }

    @Test
    void rearmingMovesTheDeadline() {
        TimerWheel wheel = new TimerWheel(T0);
        TimerWheel.Timer timer = timer("a");
        wheel.schedule(timer, T0 + SECOND);
        wheel.schedule(timer, T0 + 10 * SECOND);
        assertEquals(1, wheel.size());
        assertEquals(0, wheel.expire(T0 + 5 * SECOND));
        assertEquals(1, wheel.expire(T0 + 10 * SECOND));

        wheel.schedule(timer, T0 + 30 * SECOND);   // earlier after later, too
        wheel.schedule(timer, T0 + 12 * SECOND);
        assertEquals(1, wheel.expire(T0 + 12 * SECOND));
        assertEquals(0, wheel.expire(T0 + 40 * SECOND));
        assertEquals(List.of("a", "a"), fired);
    }

    @Test
    void timerSeveralTurnsAheadFiresOnTimeNotEarly() {
        // One turn is 512 ticks (~34 s); five minutes is almost nine turns, so its slot is visited many times first.
        TimerWheel wheel = new TimerWheel(T0);
        long deadline = T0 + TimeUnit.MINUTES.toNanos(5);
        wheel.schedule(timer("far"), deadline);
        long now = T0;
        for (; now < deadline; now += 20 * MS) {
            assertEquals(0, wheel.expire(now), "fired early at +" + (now - T0) / MS + " ms");
        }
        assertEquals(1, wheel.expire(now));
        assertTrue(now - deadline < TICK);
        assertEquals(List.of("far"), fired);
    }

    @Test
    void farTimerIsNotFiredEarlyByLongGaps() {
        TimerWheel wheel = new TimerWheel(T0);
        long deadline = T0 + TimeUnit.MINUTES.toNanos(5);
        wheel.schedule(timer("far"), deadline);
        assertEquals(0, wheel.expire(T0 + TimeUnit.MINUTES.toNanos(2)));
        assertEquals(0, wheel.expire(deadline - MS));
        assertEquals(1, wheel.expire(deadline));
    }

    @Test
    void longGapFiresEverythingDueAndNothingElse() {
        TimerWheel wheel = new TimerWheel(T0);
        for (int i = 0; i < 600; i++) {                   // more timers than slots, spread over several turns
            wheel.schedule(timer("t" + i), T0 + i * 150 * MS);
        }
        TimerWheel.Timer later = timer("later");
        wheel.schedule(later, T0 + TimeUnit.HOURS.toNanos(2));
        long now = T0 + 599 * 150 * MS;                  // one call, ~90 s after start
        assertEquals(600, wheel.expire(now));
        assertEquals(600, fired.size());
        assertTrue(later.isScheduled());
        assertEquals(1, wheel.size());
    }

    @Test
    void actionCancellingAnotherDueTimerStopsIt() {
        TimerWheel wheel = new TimerWheel(T0);
        TimerWheel.Timer[] victim = new TimerWheel.Timer[1];
        TimerWheel.Timer killer = new TimerWheel.Timer(() -> {
            fired.add("killer");
            wheel.cancel(victim[0]);
        });
        victim[0] = timer("victim");
        // Same deadline, same slot, same batch: whichever runs first, exactly one may fire.
        wheel.schedule(victim[0], T0 + SECOND);
        wheel.schedule(killer, T0 + SECOND);
        int ran = wheel.expire(T0 + 2 * SECOND);
        if (fired.contains("victim")) {
            assertEquals(List.of("victim", "killer"), fired);
            assertEquals(2, ran);
        } else {
            assertEquals(List.of("killer"), fired);
            assertEquals(1, ran);
        }
        assertEquals(0, wheel.size());
    }

    @Test
    void actionCancellingADueTimerInTheSameBatchStopsIt() {
        // Deterministic variant: the killer's slot is visited first, the victim's later in the same expire call.
        TimerWheel wheel = new TimerWheel(T0);
        TimerWheel.Timer victim = timer("victim");
        TimerWheel.Timer killer = new TimerWheel.Timer(() -> {
            fired.add("killer");
            wheel.cancel(victim);
        });
        wheel.schedule(killer, T0 + SECOND);
        wheel.schedule(victim, T0 + 2 * SECOND);
        assertEquals(1, wheel.expire(T0 + 3 * SECOND));
        assertEquals(List.of("killer"), fired);
        assertFalse(victim.isScheduled());
        assertEquals(0, wheel.size());
    }

    @Test
    void actionRearmingAnotherDueTimerDefersIt() {
        TimerWheel wheel = new TimerWheel(T0);
        TimerWheel.Timer victim = timer("victim");
        TimerWheel.Timer mover = new TimerWheel.Timer(() -> {
            fired.add("mover");
            wheel.schedule(victim, T0 + 20 * SECOND);
        });
        wheel.schedule(mover, T0 + SECOND);
        wheel.schedule(victim, T0 + SECOND);
        wheel.expire(T0 + 2 * SECOND);
        assertTrue(victim.isScheduled() || fired.indexOf("victim") < fired.indexOf("mover"));
        if (victim.isScheduled()) {
            assertEquals(List.of("mover"), fired);
            assertEquals(1, wheel.size());
            assertEquals(0, wheel.expire(T0 + 19 * SECOND));
            assertEquals(1, wheel.expire(T0 + 20 * SECOND));
            assertEquals(List.of("mover", "victim"), fired);
        }
    }

    @Test
    void actionRearmingItselfFiresAgainLater() {
        TimerWheel wheel = new TimerWheel(T0);
        long[] now = {T0};
        TimerWheel.Timer[] self = new TimerWheel.Timer[1];
        self[0] = new TimerWheel.Timer(() -> {
            fired.add("tick");
            if (fired.size() < 3) {
                wheel.schedule(self[0], now[0] + SECOND);
            }
        });
        wheel.schedule(self[0], T0 + SECOND);
        int total = 0;
        for (now[0] = T0; now[0] <= T0 + 10 * SECOND; now[0] += 10 * MS) {
            int ran = wheel.expire(now[0]);
            assertTrue(ran <= 1, "fired twice in one pass");
            total += ran;
        }
        assertEquals(3, total);
        assertEquals(0, wheel.size());
        assertFalse(self[0].isScheduled());
    }

    @Test
    void timerArmedByAnActionWithAPastDeadlineIsNotLostForATurn() {
        // An action arms another timer whose deadline has already passed; it must fire at once, not a turn later.
        TimerWheel wheel = new TimerWheel(T0);
        TimerWheel.Timer follower = timer("follower");
        TimerWheel.Timer leader = new TimerWheel.Timer(() -> {
            fired.add("leader");
            wheel.schedule(follower, T0 + SECOND);
        });
        wheel.schedule(leader, T0 + SECOND);
        long now = T0 + 2 * SECOND;
        int ran = wheel.expire(now);
        ran += wheel.expire(now + MS);
        assertEquals(2, ran);
        assertEquals(List.of("leader", "follower"), fired);
    }

    @Test
    void failingActionDoesNotStopTheBatch() {
        TimerWheel wheel = new TimerWheel(T0);
        wheel.schedule(new TimerWheel.Timer(() -> {
            throw new IllegalStateException("expected by the test");
        }), T0 + SECOND);
        wheel.schedule(timer("b"), T0 + SECOND);
        assertEquals(2, wheel.expire(T0 + SECOND));
        assertEquals(List.of("b"), fired);
        assertEquals(0, wheel.size());
    }

    @Test
    void worksAcrossNegativeClockValuesAndZero() {
        // System.nanoTime's origin is arbitrary, so its values may be negative and may cross zero.
        long start = -10 * SECOND - 12345;
        TimerWheel wheel = new TimerWheel(start);
        wheel.schedule(timer("negative"), start + 5 * SECOND);
        wheel.schedule(timer("positive"), start + 15 * SECOND);
        long now = start;
        for (; now < start + 5 * SECOND; now += 10 * MS) {
            assertEquals(0, wheel.expire(now));
        }
        assertEquals(1, wheel.expire(start + 5 * SECOND));
        for (now = start + 5 * SECOND; now < start + 15 * SECOND; now += 10 * MS) {
            assertEquals(0, wheel.expire(now), "at " + now);
        }
        assertEquals(1, wheel.expire(start + 15 * SECOND));
        assertEquals(List.of("negative", "positive"), fired);
    }

    @Test
    void millisToNextTick() {
        TimerWheel wheel = new TimerWheel(T0);
        assertEquals(0, wheel.millisToNextTick(T0));
        TimerWheel.Timer timer = timer("a");
        wheel.schedule(timer, T0 + 10 * SECOND);
        long wait = wheel.millisToNextTick(T0);
        assertTrue(wait >= 1 && wait <= 68, "wait " + wait);
        assertEquals(1, wheel.millisToNextTick(T0 + 10 * SECOND));   // far behind: never 0, never negative
        wheel.cancel(timer);
        assertEquals(0, wheel.millisToNextTick(T0));
    }

    @Test
    void sizeCountsArmedTimers() {
        TimerWheel wheel = new TimerWheel(T0);
        TimerWheel.Timer a = timer("a");
        TimerWheel.Timer b = timer("b");
        TimerWheel.Timer c = timer("c");
        wheel.schedule(a, T0 + SECOND);
        wheel.schedule(b, T0 + 2 * SECOND);
        wheel.schedule(c, T0 + 3 * SECOND);
        assertEquals(3, wheel.size());
        wheel.schedule(a, T0 + 4 * SECOND);        // re-arm does not double count
        assertEquals(3, wheel.size());
        wheel.cancel(b);
        wheel.cancel(b);
        assertEquals(2, wheel.size());
        wheel.expire(T0 + 3 * SECOND);
        assertEquals(1, wheel.size());
        wheel.expire(T0 + 4 * SECOND);
        assertEquals(0, wheel.size());
        assertEquals(List.of("c", "a"), fired);
    }

    @Test
    void eventLoopRunsForeignTasksAndStopsOnItsOwnThread() throws Exception {
        String name = "timer-wheel-test-loop";
        EventLoop loop = new EventLoop(name);
        loop.start();
        try {
            int submitters = 4;
            int perSubmitter = 1000;
            CountDownLatch done = new CountDownLatch(submitters * perSubmitter);
            Set<String> taskThreads = ConcurrentHashMap.newKeySet();
            AtomicBoolean allInLoop = new AtomicBoolean(true);
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < submitters; s++) {
                Thread submitter = new Thread(() -> {
                    for (int i = 0; i < perSubmitter; i++) {
                        boolean queued = loop.execute(() -> {
                            taskThreads.add(Thread.currentThread().getName());
                            if (!loop.inLoop()) {
                                allInLoop.set(false);
                            }
                            done.countDown();
                        });
                        assertTrue(queued);
                    }
                }, "submitter-" + s);
                threads.add(submitter);
                submitter.start();
            }
            for (Thread submitter : threads) {
                submitter.join();
            }
            assertTrue(done.await(10, TimeUnit.SECONDS), "tasks did not all run");
            assertEquals(Set.of(name), taskThreads);
            assertTrue(allInLoop.get());
            assertFalse(loop.inLoop());

            AtomicReference<String> stopThread = new AtomicReference<>();
            loop.shutdown(() -> stopThread.set(Thread.currentThread().getName()));
            assertTrue(loop.awaitTermination(10, TimeUnit.SECONDS));
            assertNotNull(stopThread.get(), "beforeStop did not run");
            assertTrue(stopThread.get().startsWith(name), stopThread.get());

            long rejectedBefore = loop.rejectedTasks();
            assertFalse(loop.execute(() -> { }));
            assertEquals(rejectedBefore + 1, loop.rejectedTasks());
        } finally {
            loop.shutdown(() -> { });
            loop.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private TimerWheel.Timer timer(String name) {
        return new TimerWheel.Timer(() -> fired.add(name));
    }
}
