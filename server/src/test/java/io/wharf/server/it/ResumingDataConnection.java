package io.wharf.server.it;

import io.wharf.tls.TlsTransport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * A PROT P data connection that offers the control connection's TLS session, as OpenSSL and GnuTLS clients do.
 * JSSE sockets cannot: their session cache is keyed by the socket's own port. An engine is keyed by the host and
 * port it is created with, so one created for the control port offers the control session; {@link TlsTransport}
 * in client mode carries it, driven from the calling thread. Every wait has a deadline.
 */
final class ResumingDataConnection implements AutoCloseable {

    private static final long LIMIT_NS = TimeUnit.SECONDS.toNanos(20);

    private final TlsTransport transport;
    private final Selector selector;
    private final SelectionKey key;

    private ResumingDataConnection(TlsTransport transport) throws IOException {
        this.transport = transport;
        this.selector = Selector.open();
        this.key = transport.channel().register(selector, 0);
    }

    /** Connects to {@code dataPort} with an engine from {@code context} for the control connection's port. */
    static ResumingDataConnection open(SSLContext context, int controlPort, int dataPort) throws IOException {
        SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", dataPort));
        channel.configureBlocking(false);
        SSLEngine engine = context.createSSLEngine("127.0.0.1", controlPort);
        engine.setUseClientMode(true);
        return new ResumingDataConnection(new TlsTransport(channel, engine));
    }

    /** Completes the handshake and reads to the end of the stream. */
    byte[] readAll() throws IOException {
        long deadline = System.nanoTime() + LIMIT_NS;
        TlsTransport.Progress progress;
        while ((progress = transport.handshake()) != TlsTransport.Progress.DONE) {
            await(progress == TlsTransport.Progress.NEED_READ ? SelectionKey.OP_READ : SelectionKey.OP_WRITE,
                    deadline);
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        while (true) {
            int n = transport.read(buffer.clear());
            if (n < 0) {
                return all.toByteArray();
            }
            all.write(buffer.array(), 0, n);
            if (n == 0) {
                transport.flush();
                await(transport.hasPendingOutput() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ, deadline);
            }
        }
    }

    private void await(int ops, long deadline) throws IOException {
        key.interestOps(ops);
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0 || selector.select(left) == 0 && System.nanoTime() > deadline) {
            throw new IOException("data connection made no progress within the deadline");
        }
        selector.selectedKeys().clear();
    }

    @Override
    public void close() throws IOException {
        transport.close();
        selector.close();
    }
}
