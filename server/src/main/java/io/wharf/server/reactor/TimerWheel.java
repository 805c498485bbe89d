package io.wharf.server.reactor;

/**
 * A hashed timer wheel for one event loop: idle, login and data-connect timeouts.
 *
 * <p>Loop-confined, no locks. Timers are intrusive nodes that their owner creates once and re-arms, so scheduling
 * allocates nothing. Resolution is one tick (about 67 ms): timeouts here are seconds long, and a coarse tick keeps an
 * idle loop from waking more often than that.
 */
public final class TimerWheel {

    /** A re-armable timeout owned by one session or connection. */
    public static final class Timer {
        private final Runnable action;
        private Timer prev;
        private Timer next;
        private Timer nextDue;
        private boolean due;
        private long deadlineNs;
        private int slot;
        private boolean scheduled;

        /** @param action runs on the loop thread when the timer expires; may re-arm this timer */
        public Timer(Runnable action) {
            this.action = action;
        }

        /** True while armed and not yet expired or cancelled. */
        public boolean isScheduled() {
            return scheduled;
        }

        /** The deadline this timer was last armed with, in {@link System#nanoTime()} units. */
        public long deadlineNs() {
            return deadlineNs;
        }
    }

    private static final System.Logger LOG = System.getLogger(TimerWheel.class.getName());
    private static final int TICK_SHIFT = 26;          // 2^26 ns ~= 67 ms
    private static final int SLOTS = 512;              // one turn ~= 34 s; longer timers wait more turns
    private static final int MASK = SLOTS - 1;

    private final Timer[] heads = new Timer[SLOTS];
    private long currentTick;
    private int size;

    /** @param nowNs the loop clock's current time */
    public TimerWheel(long nowNs) {
        this.currentTick = tickOf(nowNs);
    }

    /** Arms (or re-arms) {@code timer} to fire at {@code deadlineNs}. */
    public void schedule(Timer timer, long deadlineNs) {
        if (timer.scheduled) {
            unlink(timer);
        }
        timer.due = false;
        timer.deadlineNs = deadlineNs;
        // The slot of the tick holding the deadline: expire(now) visits up to now's tick, so a timer fires as soon as
        // now >= deadline. Never behind currentTick, which the next expire starts from.
        long tick = Math.max(tickOf(deadlineNs), currentTick);
        int slot = (int) (tick & MASK);
        timer.slot = slot;
        timer.prev = null;
        timer.next = heads[slot];
        if (heads[slot] != null) {
            heads[slot].prev = timer;
        }
        heads[slot] = timer;
        timer.scheduled = true;
        size++;
    }

    /** Disarms {@code timer}; harmless when it is not armed. */
    public void cancel(Timer timer) {
        if (timer.scheduled) {
            unlink(timer);
        }
        timer.due = false;
    }

    /** Runs every timer whose deadline is at or before {@code nowNs}; returns how many ran. */
    public int expire(long nowNs) {
        long nowTick = tickOf(nowNs);
        long tick = currentTick;
        // Advanced before any action runs: a timer an action arms with a deadline already past then lands in a slot
        // this pass or the next one visits, not in one just visited (where it would wait a whole turn).
        currentTick = nowTick;
        if (size == 0) {
            return 0;
        }
        int fired = 0;
        // After a long sleep one turn of the wheel visits every slot; more turns would only revisit them.
        long ticks = Math.min(nowTick - tick + 1, SLOTS);
        for (long i = 0; i < ticks; i++, tick++) {
            fired += expireSlot((int) (tick & MASK), nowNs);
        }
        return fired;
    }

    /**
     * How long the loop may block in {@code select} before the next tick needs looking at: {@code 0} means no timer
     * is armed (block until woken), otherwise at least 1 ms.
     */
    public long millisToNextTick(long nowNs) {
        if (size == 0) {
            return 0;
        }
        long nextTickNs = (currentTick + 1) << TICK_SHIFT;
        long waitMs = (nextTickNs - nowNs + 999_999) / 1_000_000;
        return Math.max(1, waitMs);
    }

    /** Number of armed timers. */
    public int size() {
        return size;
    }

    /**
     * Due timers are unlinked first and fired afterwards: an action may cancel or re-arm any timer, including the
     * next one in this slot, so the slot list must not be walked while actions run. A timer cancelled or re-armed by
     * an earlier action in the same batch loses its {@code due} mark and does not fire.
     */
    private int expireSlot(int slot, long nowNs) {
        Timer dueHead = null;
        Timer t = heads[slot];
        while (t != null) {
            Timer next = t.next;
            if (t.deadlineNs - nowNs <= 0) {
                unlink(t);
                t.due = true;
                t.nextDue = dueHead;
                dueHead = t;
            }
            t = next;
        }
        int fired = 0;
        while (dueHead != null) {
            Timer timer = dueHead;
            dueHead = timer.nextDue;
            timer.nextDue = null;
            if (timer.due) {
                timer.due = false;
                fired++;
                try {
                    timer.action.run();
                } catch (RuntimeException e) {
                    // One owner's bug must not cost the other timers of this batch their turn.
                    LOG.log(System.Logger.Level.ERROR, "timer action failed", e);
                }
            }
        }
        return fired;
    }

    private void unlink(Timer timer) {
        if (timer.prev != null) {
            timer.prev.next = timer.next;
        } else {
            heads[timer.slot] = timer.next;
        }
        if (timer.next != null) {
            timer.next.prev = timer.prev;
        }
        timer.prev = null;
        timer.next = null;
        timer.scheduled = false;
        size--;
    }

    /** Signed shift: {@code System.nanoTime()} may be negative and may cross zero while the loop runs. */
    private static long tickOf(long ns) {
        return ns >> TICK_SHIFT;
    }
}
