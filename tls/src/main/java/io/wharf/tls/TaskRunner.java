package io.wharf.tls;

import javax.net.ssl.SSLEngine;

/**
 * Runs an {@link SSLEngine}'s delegated tasks ({@code NEED_TASK}) on the calling thread: the handshake's key exchange,
 * signature and certificate checks. A {@link TlsTransport} uses it for tasks after the handshake, and for handshake
 * tasks unless a {@link TaskOffload} takes them (or is full); the offload's thread uses it to run what it was given.
 *
 * <p>Threading: runs on whichever thread calls it, which owns the engine meanwhile.
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

    /** Runs the engine's pending delegated tasks. */
    void runTasks(SSLEngine engine);
}
