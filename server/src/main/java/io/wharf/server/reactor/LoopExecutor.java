package io.wharf.server.reactor;

/**
 * Where off-loop work sends its result back: a loop that runs a task on its own thread. Unlike
 * {@link java.util.concurrent.Executor}, refusal is a value: a full queue returns {@code false}.
 */
@FunctionalInterface
public interface LoopExecutor {

    /** Any thread; never blocks. Returns false when the task was refused (overload or shutdown). */
    boolean execute(Runnable task);
}
