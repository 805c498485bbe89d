package io.wharf.tls;

/**
 * Somewhere other than the event loop to run an {@link javax.net.ssl.SSLEngine}'s delegated handshake tasks: the
 * key exchange and the signature with the server's key, which take from a fraction of a millisecond (EC P-256) to a
 * few (RSA 2048 and up). On the loop, a burst of handshakes would stall every other session there for as long.
 *
 * <p>Threading: {@link #start} is called on the transport's loop thread; {@code tasks} runs on the offload's
 * thread; {@code done} must run on the loop thread again.
 */
@FunctionalInterface
public interface TaskOffload {

    /**
     * Runs {@code tasks} off the loop, then {@code done} on the loop, whatever became of the tasks (a task that
     * fails leaves its failure in the engine, which reports it on the next handshake step).
     *
     * @return false, having run nothing, when it cannot take work now; the transport then runs the tasks inline
     */
    boolean start(Runnable tasks, Runnable done);
}
