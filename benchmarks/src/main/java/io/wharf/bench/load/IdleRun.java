package io.wharf.bench.load;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the {@link IdleLoop}s of one {@code idle} run share: the settings, the count of sessions not yet started,
 * and the coordinator's phase signals. Everything here is either final or written by the coordinator alone.
 *
 * <pre>
 *   OPEN (loops claim and log in sessions) --all claimed, none in flight: opened--> WAIT
 *   WAIT --startHold--> HOLD (paced NOOPs) --hold over, none in flight: held--> WAIT --close--> QUIT --> loops exit
 * </pre>
 */
final class IdleRun {

    private final FtpTarget target;
    private final SourceAddresses sources;
    private final int inFlightPerLoop;
    private final long noopIntervalNs;
    private final long replyTimeoutNs;
    private final AtomicInteger unclaimed;
    private final CountDownLatch opened;
    private final CountDownLatch held;
    private long holdStartNs;                 // published by the volatile write of holdStarted
    private long holdEndNs;
    private volatile boolean holdStarted;
    private volatile boolean closing;

    IdleRun(FtpTarget target, SourceAddresses sources, int sessions, int loops, int inFlight,
            long noopIntervalNs, long replyTimeoutNs) {
        this.target = target;
        this.sources = sources;
        this.inFlightPerLoop = Math.max(1, (inFlight + loops - 1) / loops);
        this.noopIntervalNs = noopIntervalNs;
        this.replyTimeoutNs = replyTimeoutNs;
        this.unclaimed = new AtomicInteger(sessions);
        this.opened = new CountDownLatch(loops);
        this.held = new CountDownLatch(loops);
    }

    FtpTarget target() {
        return target;
    }

    SourceAddresses sources() {
        return sources;
    }

    int inFlightPerLoop() {
        return inFlightPerLoop;
    }

    long noopIntervalNs() {
        return noopIntervalNs;
    }

    long replyTimeoutNs() {
        return replyTimeoutNs;
    }

    /** Claims one session to open; false once all have been claimed. Any loop. */
    boolean claim() {
        while (true) {
            int left = unclaimed.get();
            if (left <= 0) {
                return false;
            }
            if (unclaimed.compareAndSet(left, left - 1)) {
                return true;
            }
        }
    }

    boolean allClaimed() {
        return unclaimed.get() <= 0;
    }

    CountDownLatch opened() {
        return opened;
    }

    CountDownLatch held() {
        return held;
    }

    /** Coordinator: NOOPs run from {@code startNs} for {@code durationNs}. Wake the loops afterwards. */
    void startHold(long startNs, long durationNs) {
        holdStartNs = startNs;
        holdEndNs = startNs + durationNs;
        holdStarted = true;                    // written last: a loop that reads it true also sees both times
    }

    /** True once the coordinator has started the hold; read before {@link #holdStartNs}. */
    boolean isHoldStarted() {
        return holdStarted;
    }

    long holdStartNs() {
        return holdStartNs;
    }

    long holdEndNs() {
        return holdEndNs;
    }

    /** Coordinator: send QUIT everywhere and stop. Wake the loops afterwards. */
    void close() {
        closing = true;
    }

    boolean isClosing() {
        return closing;
    }
}
