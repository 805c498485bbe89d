package io.wharf.server.data;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;

/**
 * Binds passive listeners. The bind itself is the availability check: probing a port and binding it later races
 * every other process on the machine.
 */
@FunctionalInterface
public interface PortBinder {

    /**
     * Binds a non-blocking listener on {@code address:port}.
     *
     * @return the bound channel, or null when another socket holds the port
     * @throws IOException for any other failure (out of file descriptors, say); nothing is left open
     */
    ServerSocketChannel tryBind(InetAddress address, int port) throws IOException;

    /** The real binder: {@code SO_REUSEADDR} so a port whose last data connection is in TIME_WAIT binds again. */
    static PortBinder system() {
        return (address, port) -> {
            ServerSocketChannel channel = ServerSocketChannel.open();
            try {
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                channel.configureBlocking(false);
                channel.bind(new InetSocketAddress(address, port), 8);
                return channel;
            } catch (BindException held) {
                channel.close();
                return null;
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        };
    }
}
