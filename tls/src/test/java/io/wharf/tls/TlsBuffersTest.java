package io.wharf.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An idle TLS connection holds no record buffers: they go back to the loop's pool between exchanges, and the next
 * exchange borrows them again instead of allocating.
 */
@Timeout(30)
class TlsBuffersTest {

    private static final int WAIT_SECONDS = 20;
    private static SSLContext serverContext;
    private static SSLContext clientContext;

    private ServerSocketChannel listener;
    private ExecutorService clients;

    @BeforeAll
    static void createContexts() throws Exception {
        KeyMaterial material = SelfSignedCertificate.generate(List.of("localhost"), Duration.ofDays(1));
        serverContext = material.serverContext();
        clientContext = TlsTransportTest.trusting(material);
    }

    @BeforeEach
    void listen() throws Exception {
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        clients = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stop() throws Exception {
        clients.shutdownNow();
        listener.close();
    }

    @Test
    void anIdleConnectionHoldsNoBuffersAndTheNextExchangeReusesThem() throws Exception {
        byte[] command = "NOOP\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] reply = "200 NOOP ok\r\n".getBytes(StandardCharsets.US_ASCII);
        Future<byte[]> client = clients.submit(() -> {
            try (SSLSocket socket = connect()) {
                for (int i = 0; i < 3; i++) {
                    socket.getOutputStream().write(command);
                    assertArrayEquals(reply, socket.getInputStream().readNBytes(reply.length));
                }
                return socket.getInputStream().readAllBytes();
            }
        });
        TlsBuffers pool = new TlsBuffers(8);
        SocketChannel channel = listener.accept();
        channel.configureBlocking(false);
        try (TlsTransport server = new TlsTransport(channel, TlsProtocols.serverEngine(serverContext, null, null),
                ByteBuffer.allocate(0), pool); TestLoop loop = new TestLoop(server)) {
            loop.handshake();           // the first command may already sit in a buffer: it came with Finished
            int pooled = -1;
            for (int i = 0; i < 3; i++) {
                ByteBuffer in = ByteBuffer.allocate(command.length);
                while (in.hasRemaining()) {
                    assertTrue(loop.read(in) > 0);
                }
                assertEquals(0, server.heldBufferBytes(), "buffers held after reading a whole command");
                loop.writeFully(ByteBuffer.wrap(reply));
                assertEquals(0, server.heldBufferBytes(), "buffers held after the reply left");
                if (pooled < 0) {
                    pooled = pool.idle();
                    assertTrue(pooled > 0, "no buffer came back to the pool");
                }
                assertEquals(pooled, pool.idle(), "an exchange allocated buffers instead of borrowing");
            }
        }
        assertEquals(0, client.get(WAIT_SECONDS, TimeUnit.SECONDS).length);
    }

    private SSLSocket connect() throws Exception {
        Socket raw = new Socket(InetAddress.getLoopbackAddress(), listener.socket().getLocalPort());
        raw.setSoTimeout(WAIT_SECONDS * 1000);
        return (SSLSocket) clientContext.getSocketFactory().createSocket(raw, "localhost", raw.getPort(), true);
    }
}
