package io.wharf.bench.load;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Local addresses for client sockets, so that one client can open more connections to one server than the ephemeral
 * port range allows from a single address (about 28,000 with Linux's default 32768-60999).
 *
 * <p>Index 0 means "let the kernel choose" (no explicit bind). Index {@code k >= 1} is {@code 127.0.0.1 + k}, i.e.
 * 127.0.0.2, 127.0.0.3, ... Only 127.0.0.0/8 is ever used, and only when the target itself is an IPv4 loopback
 * address: Linux routes that whole /8 to {@code lo}, so no other host is touched and nothing needs configuring.
 *
 * <p>Connects pick round-robin from the active window {@code [low, high]}. When an address runs out of ports (a
 * {@code BindException} on bind or connect), {@link #exhausted} retires it and, if needed, opens the next one.
 * Safe for any number of connecting threads; the window is an immutable value swapped by CAS.
 */
final class SourceAddresses {

    /** The highest index: 127.255.255.254, the last host address of 127.0.0.0/8. */
    static final int MAX_INDEX = 0x00FF_FFFD;

    private record Window(int low, int high) {
    }

    private final boolean canSpread;
    private final boolean isForced;
    private final AtomicReference<Window> window;
    private final AtomicLong nextPick = new AtomicLong();

    /**
     * @param canSpread true when the target is on 127.0.0.0/8, so other loopback sources can reach it
     * @param initial   0 to start with the kernel's choice; {@code k > 0} to spread over k addresses from the start
     */
    SourceAddresses(boolean canSpread, int initial) {
        if (initial > 0 && !canSpread) {
            throw new IllegalArgumentException(
                    "source addresses come from 127.0.0.0/8, so the target must be there too");
        }
        if (initial > MAX_INDEX) {
            throw new IllegalArgumentException("at most " + MAX_INDEX + " loopback source addresses");
        }
        this.canSpread = canSpread;
        this.isForced = initial > 0;
        this.window = new AtomicReference<>(initial > 0 ? new Window(1, initial) : new Window(0, 0));
    }

    /** The index for the next connect. */
    int pick() {
        Window w = window.get();
        int span = w.high() - w.low() + 1;
        return w.low() + (int) Long.remainderUnsigned(nextPick.getAndIncrement(), span);
    }

    /**
     * Retires {@code index}, whose ports are used up.
     *
     * @return false when no further address may be used: the failure is real
     */
    boolean exhausted(int index) {
        while (true) {
            Window w = window.get();
            if (index < w.low()) {
                return true;                                   // another thread already moved past it
            }
            if (!canSpread || index >= MAX_INDEX) {
                return false;
            }
            int low = index + 1;
            Window next = new Window(low, Math.max(w.high(), low));
            if (window.compareAndSet(w, next)) {
                return true;
            }
        }
    }

    /** Where to bind before connecting, or null to let the kernel choose. */
    static InetSocketAddress bindAddress(int index) {
        if (index == 0) {
            return null;
        }
        int ip = 0x7F00_0001 + index;
        byte[] bytes = {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip};
        try {
            return new InetSocketAddress(InetAddress.getByAddress(bytes), 0);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an address", e);
        }
    }

    /** The highest index in use, for the report. */
    int highestInUse() {
        return window.get().high();
    }

    /** Which source addresses were used, for the report. */
    String describe() {
        int high = highestInUse();
        if (high == 0) {
            return "kernel's choice";
        }
        String spread = high == 1 ? "127.0.0.2" : "127.0.0.2 .. " + bindAddress(high).getAddress().getHostAddress();
        return isForced ? spread : "kernel's choice, then " + spread + " as ports ran out";
    }
}
