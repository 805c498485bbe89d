package io.wharf.server.reactor;

import java.io.IOException;
import java.nio.channels.SelectionKey;

/**
 * What a {@link SelectionKey} is attached to: the owner of one registered channel.
 *
 * <p>Both methods run on the owning {@link EventLoop}'s thread only.
 */
public interface IoHandler {

    /** The key is ready for {@code key.readyOps()}. May throw; the loop then calls {@link #onFailure}. */
    void onReady(SelectionKey key) throws IOException;

    /**
     * {@link #onReady} threw. The handler closes what it owns (for a control session: the whole session, with a
     * {@code 421} when it can). Must not throw.
     */
    void onFailure(Exception cause);

    /**
     * The loop is shutting down: say goodbye if there is anyone to say it to (a control session sends {@code 421}).
     * The loop closes every channel afterwards. Must not throw.
     */
    default void onShutdown() {
    }
}
