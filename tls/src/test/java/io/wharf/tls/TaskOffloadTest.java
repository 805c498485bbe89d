package io.wharf.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Handshake tasks on a {@link TaskOffload}: they run on its thread, the transport makes no progress and touches no
 * engine state until the offload calls back, and the handshake then completes as it would inline.
 */
@Timeout(30)
class TaskOffloadTest {

    private static final int WAIT_SECONDS = 20;

    private static SSLContext serverContext;
    private static SSLContext clientContext;

    private ServerSocketChannel listener;
    private ExecutorService clients;
    private ExecutorService workers;
    private final BlockingQueue<Runnable> backOnLoop = new LinkedBlockingQueue<>();
    private final Set<String> taskThreads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger resumed = new AtomicInteger();

    @BeforeAll
    static void createContexts() throws Exception {
        KeyMaterial material = SelfSignedCertificate.generate(List.of("localhost"), Duration.ofDays(1));
        serverContext = material.serverContext();
        clientContext = TlsTransportTest.trusting(material);
    }

    @BeforeEach
    void start() throws Exception {
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        clients = Executors.newCachedThreadPool();
        workers = Executors.newSingleThreadExecutor(task -> new Thread(task, "tls-tasks"));
    }

    @AfterEach
    void stop() throws Exception {
        clients.shutdownNow();
        workers.shutdownNow();
        listener.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void handshakeTasksRunOffTheLoopAndTheLoopIsToldWhenDone(String protocol) throws Exception {
        Future<Integer> client = clients.submit(() -> {
            try (SSLSocket socket = connect(protocol)) {
                socket.startHandshake();
                return socket.getInputStream().read();
            }
        });
        try (TlsTransport server = accept(); TestLoop loop = new TestLoop(server)) {
            int offloaded = 0;
            TlsTransport.Progress progress;
            while ((progress = server.handshake()) != TlsTransport.Progress.DONE) {
                if (progress == TlsTransport.Progress.NEED_TASKS) {
                    offloaded++;
                    assertEquals(TlsTransport.Progress.NEED_TASKS, server.handshake(), "no progress while tasks run");
                    assertEquals(0, server.read(ByteBuffer.allocate(64)));
                    Runnable done = backOnLoop.poll(WAIT_SECONDS, TimeUnit.SECONDS);
                    assertNotNull(done, "the offload never called back");
                    done.run();
                } else {
                    loop.await(progress == TlsTransport.Progress.NEED_READ ? SelectionKey.OP_READ
                            : SelectionKey.OP_WRITE);
                }
            }
            assertTrue(offloaded > 0, "no task was offloaded");
            assertEquals(offloaded, resumed.get());
            assertEquals(Set.of("tls-tasks"), taskThreads);
            assertEquals(protocol, server.session().getProtocol());
        }
        assertEquals(-1, client.get(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void anOffloadThatIsFullLeavesTheTasksToTheLoop() throws Exception {
        Future<Integer> client = clients.submit(() -> {
            try (SSLSocket socket = connect("TLSv1.3")) {
                socket.startHandshake();
                return socket.getInputStream().read();
            }
        });
        SocketChannel channel = listener.accept();
        channel.configureBlocking(false);
        try (TlsTransport server = new TlsTransport(channel, TlsProtocols.serverEngine(serverContext, null, null));
             TestLoop loop = new TestLoop(server)) {
            server.offloadHandshakeTasks((tasks, done) -> false, resumed::incrementAndGet);
            loop.handshake();                       // would throw or hang on NEED_TASKS
            assertEquals(0, resumed.get());
        }
        assertEquals(-1, client.get(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    private TlsTransport accept() throws Exception {
        SocketChannel channel = listener.accept();
        channel.configureBlocking(false);
        TlsTransport transport = new TlsTransport(channel, TlsProtocols.serverEngine(serverContext, null, null));
        transport.offloadHandshakeTasks((tasks, done) -> {
            workers.execute(() -> {
                taskThreads.add(Thread.currentThread().getName());
                tasks.run();
                backOnLoop.add(done);
            });
            return true;
        }, resumed::incrementAndGet);
        return transport;
    }

    private SSLSocket connect(String protocol) throws Exception {
        Socket raw = new Socket(InetAddress.getLoopbackAddress(), listener.socket().getLocalPort());
        raw.setSoTimeout(WAIT_SECONDS * 1000);
        SSLSocket socket = (SSLSocket) clientContext.getSocketFactory().createSocket(raw, "localhost",
                raw.getPort(), true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(new String[] {protocol});
        socket.setSSLParameters(parameters);
        return socket;
    }
}
