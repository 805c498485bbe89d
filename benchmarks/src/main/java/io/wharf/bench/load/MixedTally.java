package io.wharf.bench.load;

import org.HdrHistogram.Histogram;

/**
 * Figures of a {@code mixed} session by kind of operation, and after {@link #add} of a whole run: operations
 * completed and failed, payload bytes, and latency. Written by one worker thread; read by the coordinator once that
 * thread has ended. A histogram (about 170 KB at the standard range) exists only for a kind in the mix.
 */
final class MixedTally {

    private final long[] completed = new long[MixedOp.ALL.length];
    private final long[] failed = new long[MixedOp.ALL.length];
    private final long[] bytes = new long[MixedOp.ALL.length];
    private final Histogram[] latencyUs = new Histogram[MixedOp.ALL.length];

    MixedTally(OperationMix mix) {
        for (MixedOp op : MixedOp.ALL) {
            if (mix.includes(op)) {
                latencyUs[op.ordinal()] = Percentiles.histogram();
            }
        }
    }

    /** One operation of {@code op} succeeded, having moved {@code payloadBytes} over its data connection. */
    void onCompleted(MixedOp op, long latencyNs, long payloadBytes) {
        int i = op.ordinal();
        completed[i]++;
        bytes[i] += payloadBytes;
        Percentiles.recordNs(latencyUs[i], latencyNs);
    }

    void onFailed(MixedOp op) {
        failed[op.ordinal()]++;
    }

    /** Adds {@code other}'s figures to these; both must come from the same mix. */
    void add(MixedTally other) {
        for (int i = 0; i < completed.length; i++) {
            completed[i] += other.completed[i];
            failed[i] += other.failed[i];
            bytes[i] += other.bytes[i];
            if (latencyUs[i] != null) {
                latencyUs[i].add(other.latencyUs[i]);
            }
        }
    }

    long completed(MixedOp op) {
        return completed[op.ordinal()];
    }

    long failed(MixedOp op) {
        return failed[op.ordinal()];
    }

    long bytes(MixedOp op) {
        return bytes[op.ordinal()];
    }

    /** Payload bytes of every kind. */
    long bytes() {
        long sum = 0;
        for (long b : bytes) {
            sum += b;
        }
        return sum;
    }

    /** The kind's latencies in microseconds; null for a kind not in the mix. */
    Histogram latencyUs(MixedOp op) {
        return latencyUs[op.ordinal()];
    }
}
