package io.wharf.server.tls;

import io.wharf.server.reactor.BlockingWorkers;
import io.wharf.server.reactor.LoopExecutor;
import io.wharf.tls.TaskOffload;

/**
 * Runs handshake tasks on the server's TLS workers and reports back through a session's loop. When the workers' queue
 * is full the transport runs the tasks inline: a slower loop beats a failed handshake. Stateless apart from its two
 * references; one per connection.
 */
public final class WorkerTaskOffload implements TaskOffload {

    private final BlockingWorkers workers;
    private final LoopExecutor loop;

    /** Tasks go to {@code workers}; their completion comes back through {@code loop}. */
    public WorkerTaskOffload(BlockingWorkers workers, LoopExecutor loop) {
        this.workers = workers;
        this.loop = loop;
    }

    @Override
    public boolean start(Runnable tasks, Runnable done) {
        return workers.submit(() -> {
            tasks.run();
            return null;
        }, loop, (ignored, failure) -> done.run());
    }
}
