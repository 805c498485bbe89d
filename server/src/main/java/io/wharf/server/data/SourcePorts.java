package io.wharf.server.data;

import io.wharf.config.PortRange;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Local ports for the server's outgoing active-mode data connections. With no range configured the kernel picks;
 * with one, connections leave from it so a firewall rule can name them. The bind is the check: a port in use is
 * skipped. Shared by the loops of one listener; the only shared state is the cursor that spreads ports.
 */
public final class SourcePorts {

    private final int[] ports;
    private final AtomicInteger cursor = new AtomicInteger();

    /** @param ranges the configured source ranges; empty means the kernel chooses */
    public SourcePorts(List<PortRange> ranges) {
        int count = 0;
        for (PortRange range : ranges) {
            count += range.size();
        }
        ports = new int[count];
        int i = 0;
        for (PortRange range : ranges) {
            for (int p = range.first(); p <= range.last(); p++) {
                ports[i++] = p;
            }
        }
    }

    /**
     * Binds {@code channel} to {@code address} and a source port.
     *
     * @return false when every configured port is in use (the caller answers 425)
     */
    public boolean bind(SocketChannel channel, InetAddress address) throws IOException {
        if (ports.length == 0) {
            channel.bind(new InetSocketAddress(address, 0));
            return true;
        }
        // Each finished connection leaves its source port in TIME_WAIT for a minute; without SO_REUSEADDR a small
        // range would run dry under steady use. Linux still refuses a bind that would duplicate a live 4-tuple.
        channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        int start = Math.floorMod(cursor.getAndIncrement(), ports.length);
        for (int i = 0; i < ports.length; i++) {
            try {
                channel.bind(new InetSocketAddress(address, ports[(start + i) % ports.length]));
                return true;
            } catch (BindException inUse) {
                // Held by another connection or process: try the next one.
            }
        }
        return false;
    }
}
