package io.wharf.server.data;

import java.util.concurrent.atomic.AtomicBoolean;

/** One port of a pool, created once at start. Its lease flag catches double use and double release cheaply. */
final class PassivePort {

    private final int number;
    private final AtomicBoolean leased = new AtomicBoolean();

    PassivePort(int number) {
        this.number = number;
    }

    int number() {
        return number;
    }

    PassivePort lease() {
        if (!leased.compareAndSet(false, true)) {
            throw new IllegalStateException("passive port " + number + " leased twice");
        }
        return this;
    }

    void release() {
        if (!leased.compareAndSet(true, false)) {
            throw new IllegalStateException("passive port " + number + " released twice");
        }
    }
}
