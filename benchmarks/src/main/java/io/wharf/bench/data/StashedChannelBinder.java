package io.wharf.bench.data;

import io.wharf.server.data.PortBinder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.channels.ServerSocketChannel;

/**
 * A binder that binds nothing, so a benchmark measures {@code PassivePortPool} and not the kernel.
 *
 * <p>It hands each thread the same channel, opened and closed once. {@code PassiveListener.close()} closes its
 * channel every time; closing a closed channel returns at once, after an uncontended monitor enter on a channel that
 * only this thread touches. One channel shared by all threads would instead make that monitor a contention point
 * the real server does not have, and a fresh {@code ServerSocketChannel.open()} per bind would measure a syscall.
 * The {@link ThreadLocal} lookup costs a few nanoseconds and is charged to the lock-free side.
 */
final class StashedChannelBinder implements PortBinder {

    private final ThreadLocal<ServerSocketChannel> stash = ThreadLocal.withInitial(StashedChannelBinder::closedChannel);

    @Override
    public ServerSocketChannel tryBind(InetAddress address, int port) {
        return stash.get();
    }

    private static ServerSocketChannel closedChannel() {
        try {
            ServerSocketChannel channel = ServerSocketChannel.open();
            channel.close();
            return channel;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the stand-in channel", e);
        }
    }
}
