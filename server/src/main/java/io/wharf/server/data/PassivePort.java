package io.wharf.server.data;

/** One port of a pool, created once at start: its number, and its slot in the pool's {@link PortBitmap}. */
final class PassivePort {

    private final int number;
    private final int slot;

    PassivePort(int number, int slot) {
        this.number = number;
        this.slot = slot;
    }

    int number() {
        return number;
    }

    int slot() {
        return slot;
    }
}
