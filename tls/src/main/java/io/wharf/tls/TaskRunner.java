package io.wharf.tls;

import javax.net.ssl.SSLEngine;

/**
 * Runs an {@link SSLEngine}'s delegated tasks ({@code NEED_TASK}): the handshake's key exchange, signature and
 * certificate checks.
 *
 * <p>Every {@link TlsTransport} uses {@link #INLINE} today, which runs them on the event loop's thread. With the
 * JDK provider and EC P-256 or RSA-2048 keys one task takes well under a few milliseconds, so a loop serving many
 * handshakes pays that per handshake and nothing per record. A runner that moves the tasks off the loop (a bounded
 * executor that reports completion through the loop's {@code execute}) also needs the transport to learn one more
 * state, "tasks running", in which {@code handshake()}, {@code read()} and {@code write()} make no progress until the
 * runner calls back. That change is why the runner sits behind this interface, and why the interface stays
 * package-private until it is made.
 *
 * <p>Threading: called on the transport's loop thread.
 */
@FunctionalInterface
interface TaskRunner {

    /** Runs every pending task on the calling thread before returning. */
    TaskRunner INLINE = engine -> {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    };

    /** Runs (or, in a future runner, starts) the engine's pending delegated tasks. */
    void runTasks(SSLEngine engine);
}
