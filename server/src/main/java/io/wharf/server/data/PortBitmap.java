package io.wharf.server.data;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Which of {@code size} slots are leased, one bit each, shared lock-free by any number of threads: a lease or a
 * release is one compare-and-set on one 64-bit word, and threads that start their search at different words never
 * touch the same cache line. Nothing here waits for another thread, so a thread preempted mid-call holds up nobody.
 *
 * <p>{@link #lease} starts where the caller says (a random slot spreads leases over the whole range) and takes the
 * first free slot from there, wrapping around; it returns {@code -1} only after seeing every word full.
 */
public final class PortBitmap {

    private static final int BITS = Long.SIZE;

    private final AtomicLongArray words;
    private final int size;
    /** The bits that exist in the last word, which may be partly used. */
    private final long lastWordMask;

    /** {@code size} slots, all free. */
    public PortBitmap(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a bitmap needs at least one slot, not " + size);
        }
        this.size = size;
        this.words = new AtomicLongArray((size + BITS - 1) / BITS);
        int tail = size % BITS;
        this.lastWordMask = tail == 0 ? -1L : (1L << tail) - 1;
    }

    /**
     * Leases a free slot, searching from {@code start} (taken modulo the size) upwards and wrapping around.
     *
     * @return the slot now leased by the caller, or {@code -1} when every slot was leased as the search saw it
     */
    public int lease(int start) {
        int wordCount = words.length();
        int first = Math.floorMod(start, size);
        int word = first / BITS;
        int shift = first % BITS;
        for (int seen = 0; seen <= wordCount; seen++) {
            long mask = word == wordCount - 1 ? lastWordMask : -1L;
            // On the first word only bits from shift up, on the extra last pass only the ones below it.
            long allowed = seen == 0 ? mask & (-1L << shift) : seen == wordCount ? mask & ~(-1L << shift) : mask;
            long current = words.get(word);
            long free;
            while ((free = ~current & allowed) != 0) {
                long bit = Long.lowestOneBit(free);
                if (words.compareAndSet(word, current, current | bit)) {
                    return word * BITS + Long.numberOfTrailingZeros(bit);
                }
                current = words.get(word);
            }
            if (++word == wordCount) {
                word = 0;
            }
        }
        return -1;
    }

    /**
     * Frees {@code slot}.
     *
     * @throws IllegalStateException if it was not leased: a double release would let two owners share a port
     */
    public void release(int slot) {
        int word = slot / BITS;
        long bit = 1L << (slot % BITS);
        long current;
        do {
            current = words.get(word);
            if ((current & bit) == 0) {
                throw new IllegalStateException("slot " + slot + " released but not leased");
            }
        } while (!words.compareAndSet(word, current, current & ~bit));
    }

    /** Whether {@code slot} is leased right now. */
    public boolean isLeased(int slot) {
        return (words.get(slot / BITS) & (1L << (slot % BITS))) != 0;
    }

    /** Free slots right now (approximate while other threads lease or release). */
    public int available() {
        int leased = 0;
        for (int i = 0; i < words.length(); i++) {
            leased += Long.bitCount(words.get(i));
        }
        return size - leased;
    }

    /** The number of slots. */
    public int size() {
        return size;
    }
}
