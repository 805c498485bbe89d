package io.wharf.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link TlsTransport} on the server side of real loopback connections, driven by a {@link TestLoop}, against
 * blocking JDK {@link SSLSocket} clients on other threads.
 */
@Timeout(30)
class TlsTransportTest {

    private static final int WAIT_SECONDS = 20;
    private static final int[] CHUNK_SIZES = {1, 13, 4093, 7919, 16385, 20011, 65537};

    private static SSLContext serverContext;
    private static SSLContext clientContext;

    private ServerSocketChannel listener;
    private ExecutorService clients;

    @BeforeAll
    static void createContexts() throws GeneralSecurityException, IOException {
        KeyMaterial material = SelfSignedCertificate.generate(List.of("localhost", "127.0.0.1"), Duration.ofDays(1));
        serverContext = material.serverContext();
        clientContext = trusting(material);
    }

    @BeforeEach
    void listen() throws IOException {
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(loopback(), 0));
        clients = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stop() throws IOException, InterruptedException {
        clients.shutdownNow();
        listener.close();
        assertTrue(clients.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS), "client threads did not end");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void handshakeNegotiatesTheProtocolTheClientForces(String protocol) throws Exception {
        Future<Integer> client = client(() -> {
            try (SSLSocket socket = connect(protocol, 0)) {
                socket.startHandshake();
                return socket.getInputStream().read();
            }
        });
        try (TlsTransport server = accept(); TestLoop loop = new TestLoop(server)) {
            assertFalse(server.isHandshakeComplete());
            loop.handshake();
            assertTrue(server.isHandshakeComplete());
            assertEquals(TlsTransport.Progress.DONE, server.handshake());
            assertEquals(protocol, server.session().getProtocol());
            assertFalse(server.hasPendingOutput());
        }
        assertEquals(-1, result(client));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void echoesOneMebibyteInOddChunksBothWays(String protocol) throws Exception {
        byte[] data = randomBytes(1 << 20, 42);
        Future<byte[]> client = client(() -> {
            // One thread, each chunk written and then read back. (Reading and writing one JDK SSLSocket from two
            // threads fails now and then with "Tag mismatch" once TLS 1.3 KeyUpdates fly: the full-duplex echo
            // below uses a TlsTransport client instead.)
            try (SSLSocket socket = connect(protocol, 0)) {
                MessageDigest back = MessageDigest.getInstance("SHA-256");
                for (int offset = 0, i = 0; offset < data.length; i++) {
                    int length = Math.min(CHUNK_SIZES[i % CHUNK_SIZES.length], data.length - offset);
                    socket.getOutputStream().write(data, offset, length);
                    offset += length;
                    back.update(socket.getInputStream().readNBytes(length));
                }
                socket.shutdownOutput();                   // close_notify; the JDK then waits for ours
                assertEquals(-1, socket.getInputStream().read());
                return back.digest();
            }
        });
        assertArrayEquals(sha256(data), echoUntilEnd(), "what the server received");
        assertArrayEquals(sha256(data), result(client), "what came back to the client");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void echoesFullDuplexToANonBlockingClient(String protocol) throws Exception {
        byte[] data = randomBytes(1 << 20, 43);
        Future<byte[]> client = client(() -> {
            SocketChannel channel = SocketChannel.open(listener.getLocalAddress());
            channel.configureBlocking(false);
            SSLEngine engine = clientContext.createSSLEngine("localhost", listener.socket().getLocalPort());
            engine.setUseClientMode(true);
            engine.setEnabledProtocols(new String[] {protocol});
            try (TlsTransport transport = new TlsTransport(channel, engine); TestLoop loop = new TestLoop(transport)) {
                loop.handshake();
                byte[] back = loop.exchange(ByteBuffer.wrap(data), data.length, CHUNK_SIZES);
                loop.shutdownOutput();
                assertEquals(0, loop.readToEnd(ByteBuffer.allocate(100)));
                assertTrue(transport.hasReceivedCloseNotify());
                return back;
            }
        });
        assertArrayEquals(sha256(data), echoUntilEnd(), "what the server received");
        assertArrayEquals(sha256(data), result(client), "what came back to the client");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void closeNotifyFromTheClientReadsAsEnd(String protocol) throws Exception {
        Future<Void> client = client(() -> {
            try (SSLSocket socket = connect(protocol, 0)) {
                socket.startHandshake();
            }
            return null;
        });
        try (TlsTransport server = accept(); TestLoop loop = new TestLoop(server)) {
            loop.handshake();
            assertEquals(-1, loop.read(ByteBuffer.allocate(100)));
            assertTrue(server.hasReceivedCloseNotify());
            assertEquals(-1, server.read(ByteBuffer.allocate(100)), "the end is sticky");
            assertFalse(server.hasBufferedInput());
        }
        result(client);
    }

    @Test
    void endOfStreamWithoutCloseNotifyReadsAsEndAndIsToldApart() throws Exception {
        Future<Void> client = client(() -> {
            Socket raw = connectRaw(0);
            try (SSLSocket socket = layer(raw, "TLSv1.3")) {
                socket.startHandshake();
                socket.getOutputStream().write("last words".getBytes(StandardCharsets.US_ASCII));
                raw.shutdownOutput();           // TCP FIN without close_notify, as a truncating attacker would send
                socket.getInputStream().read();
            }
            return null;
        });
        try (TlsTransport server = accept(); TestLoop loop = new TestLoop(server)) {
            loop.handshake();
            ByteBuffer buffer = ByteBuffer.allocate(100);
            assertEquals(10, loop.read(buffer));
            assertEquals(-1, loop.read(buffer));
            assertFalse(server.hasReceivedCloseNotify());
        }
        result(client);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void closeSendsCloseNotify(String protocol) throws Exception {
        Future<Integer> client = client(() -> {
            try (SSLSocket socket = connect(protocol, 0)) {
                socket.startHandshake();
                return socket.getInputStream().read();      // an exception here fails the test
            }
        });
        TlsTransport server = accept();
        try (TestLoop loop = new TestLoop(server)) {
            loop.handshake();
        }
        server.close();
        server.close();
        assertFalse(server.channel().isOpen());
        assertFalse(server.hasPendingOutput());
        assertEquals(-1, result(client));
    }

    @Test
    void shutdownOutputLetsThePeerFinishAndIsDrained() throws Exception {
        Future<Void> client = client(() -> {
            try (SSLSocket socket = connect("TLSv1.3", 0)) {
                assertEquals(-1, socket.getInputStream().read());
                socket.getOutputStream().write("226 after you".getBytes(StandardCharsets.US_ASCII));
            }
            return null;
        });
        try (TlsTransport server = accept(); TestLoop loop = new TestLoop(server)) {
            loop.handshake();
            loop.shutdownOutput();
            assertThrows(SSLException.class, () -> server.write(ByteBuffer.allocate(1)));
            ByteBuffer buffer = ByteBuffer.allocate(100);
            assertEquals(13, loop.read(buffer));
            assertEquals(-1, loop.read(buffer));
            assertTrue(server.hasReceivedCloseNotify());
        }
        result(client);
    }

    @Test
    void garbageInsteadOfClientHelloFailsTheHandshake() throws Exception {
        Future<byte[]> client = client(() -> {
            try (Socket socket = new Socket(loopback(), listener.socket().getLocalPort())) {
                socket.setSoTimeout(WAIT_SECONDS * 1000);
                socket.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                return socket.getInputStream().readAllBytes();       // the alert, if any, then the end
            }
        });
        try (TlsTransport server = accept(); TestLoop loop = new TestLoop(server)) {
            assertThrows(SSLException.class, loop::handshake);
            assertThrows(SSLException.class, server::handshake, "a failed handshake stays failed");
            assertFalse(server.isHandshakeComplete());
        }
        result(client);
    }

    @Test
    void peerClosingDuringTheHandshakeFailsIt() throws Exception {
        Future<Void> client = client(() -> {
            try (Socket socket = new Socket(loopback(), listener.socket().getLocalPort())) {
                socket.getOutputStream().write(new byte[] {0x16, 0x03, 0x01});     // the start of a record
            }
            return null;
        });
        try (TlsTransport server = accept(); TestLoop loop = new TestLoop(server)) {
            result(client);
            assertThrows(SSLException.class, loop::handshake);
        }
    }

    @Test
    void writeToAFullSocketIsHeldUntilFlushed() throws Exception {
        byte[] data = randomBytes(4 << 20, 7);
        CountDownLatch startReading = new CountDownLatch(1);
        CompletableFuture<byte[]> digest = new CompletableFuture<>();
        Future<Void> client = client(() -> {
            try (SSLSocket socket = connect("TLSv1.3", 8192)) {
                socket.startHandshake();
                assertTrue(startReading.await(WAIT_SECONDS, TimeUnit.SECONDS));
                digest.complete(sha256(socket.getInputStream().readNBytes(data.length)));
            }   // the JDK's TLS 1.3 close waits (up to SO_TIMEOUT) for a byte from the server: its close_notify
            return null;
        });
        try (TlsTransport server = accept(); TestLoop loop = new TestLoop(server)) {
            server.channel().setOption(StandardSocketOptions.SO_SNDBUF, 8192);

            loop.handshake();
            ByteBuffer src = ByteBuffer.wrap(data);
            while (server.write(src) > 0) {
                assertTrue(src.hasRemaining(), "4 MiB fitted into the socket buffers");
            }
            assertTrue(server.hasPendingOutput());
            assertFalse(server.flush());
            assertEquals(0, server.write(src), "nothing more is taken while a record is held");
            startReading.countDown();
            loop.writeFully(src);
            assertFalse(server.hasPendingOutput());
            assertArrayEquals(sha256(data), digest.get(WAIT_SECONDS, TimeUnit.SECONDS));
        }
        result(client);
    }

    @Test
    void applicationDataArrivingWithTheLastHandshakeFlightIsKept() throws Exception {
        byte[] hello = "USER anonymous\r\n".getBytes(StandardCharsets.US_ASCII);
        CountDownLatch sent = new CountDownLatch(1);
        Future<Void> client = client(() -> {
            try (SSLSocket socket = connect("TLSv1.3", 0)) {
                socket.startHandshake();        // TLS 1.3: returns once the client's Finished is sent
                socket.getOutputStream().write(hello);
                sent.countDown();
                socket.getInputStream().read();
            }
            return null;
        });
        try (TlsTransport server = accept(); TestLoop loop = new TestLoop(server)) {
            // Once the server's flight is out it waits for the client's Finished. Hold off reading until the client
            // has also sent its data, so both arrive in one read.
            loop.handshake(() -> {
                if (server.engine().getHandshakeSession() != null) {
                    awaitQuietly(sent);
                }
            });
            assertTrue(server.hasBufferedInput(), "the data came with the Finished message");
            ByteBuffer buffer = ByteBuffer.allocate(100);
            assertEquals(hello.length, server.read(buffer));
            assertArrayEquals(hello, Arrays.copyOf(buffer.array(), buffer.position()));
        }
        result(client);
    }

    @Test
    void bytesReadBeforeTheTransportExistedAreUnwrappedFirst() throws Exception {
        Future<Integer> client = client(() -> {
            try (SSLSocket socket = connect("TLSv1.3", 0)) {
                socket.startHandshake();
                return socket.getInputStream().read();
            }
        });
        SocketChannel channel = listener.accept();
        ByteBuffer prefix = ByteBuffer.allocate(5);       // e.g. what a line decoder read past "AUTH TLS\r\n"
        while (prefix.hasRemaining()) {
            channel.read(prefix);
        }
        channel.configureBlocking(false);
        try (TlsTransport server = new TlsTransport(channel, TlsProtocols.serverEngine(serverContext, null, null),
                prefix.flip()); TestLoop loop = new TestLoop(server)) {
            loop.handshake();
            assertEquals("TLSv1.3", server.session().getProtocol());
        }
        assertEquals(-1, result(client));
    }

    @Test
    void aBlockingChannelIsRefused() throws Exception {
        Future<Void> client = client(() -> {
            try (Socket socket = new Socket(loopback(), listener.socket().getLocalPort())) {
                socket.getInputStream().read();
            }
            return null;
        });
        try (SocketChannel channel = listener.accept()) {
            assertThrows(IllegalArgumentException.class,
                    () -> new TlsTransport(channel, TlsProtocols.serverEngine(serverContext, null, null)));
        }
        result(client);
    }

    // ---- fixtures -------------------------------------------------------------------------------------------------

    /**
     * Accepts one connection and echoes what it reads, in reads of varying odd sizes, until the client's
     * close_notify; then closes (sending ours). Returns the SHA-256 of what it received.
     */
    private byte[] echoUntilEnd() throws IOException, NoSuchAlgorithmException {
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        try (TlsTransport server = accept(); TestLoop loop = new TestLoop(server)) {
            loop.handshake();
            ByteBuffer buffer = ByteBuffer.allocate(65537);
            for (int i = 0; ; i++) {
                buffer.clear().limit(CHUNK_SIZES[(i + 3) % CHUNK_SIZES.length]);
                if (loop.read(buffer) < 0) {
                    break;
                }
                buffer.flip();
                received.update(buffer.duplicate());
                loop.writeFully(buffer);
            }
            assertTrue(server.hasReceivedCloseNotify());
        }
        return received.digest();
    }

    private TlsTransport accept() throws IOException {
        SocketChannel channel = listener.accept();
        channel.configureBlocking(false);
        return new TlsTransport(channel, TlsProtocols.serverEngine(serverContext, null, null));
    }

    /** A client socket that trusts the test certificate, checks the host name, and speaks only {@code protocol}. */
    private SSLSocket connect(String protocol, int receiveBufferBytes) throws IOException {
        return layer(connectRaw(receiveBufferBytes), protocol);
    }

    private Socket connectRaw(int receiveBufferBytes) throws IOException {
        Socket raw = new Socket();
        if (receiveBufferBytes > 0) {
            raw.setReceiveBufferSize(receiveBufferBytes);      // before connect, so the window is small from the start
        }
        raw.connect(new InetSocketAddress(loopback(), listener.socket().getLocalPort()), WAIT_SECONDS * 1000);
        raw.setSoTimeout(WAIT_SECONDS * 1000);
        raw.setTcpNoDelay(true);                 // no Nagle: each write leaves at once, as the tests' timing assumes
        return raw;
    }

    private static SSLSocket layer(Socket raw, String protocol) throws IOException {
        SSLSocket socket = (SSLSocket) clientContext.getSocketFactory().createSocket(raw, "localhost",
                raw.getPort(), true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(new String[] {protocol});
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        return socket;
    }

    private <T> Future<T> client(Callable<T> body) {
        return clients.submit(body);
    }

    private static <T> T result(Future<T> client) throws Exception {
        return client.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    static SSLContext trusting(KeyMaterial material) throws GeneralSecurityException, IOException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server", material.certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static InetAddress loopback() throws IOException {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            assertTrue(latch.await(WAIT_SECONDS, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static byte[] sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }
}
