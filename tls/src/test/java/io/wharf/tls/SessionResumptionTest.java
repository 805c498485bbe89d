package io.wharf.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the server sees when a client resumes a session over {@link TlsTransport}, as the data-channel reuse check
 * will need it: the JDK has no "resumed" flag, but a resumed handshake never asks the key manager for a certificate;
 * a resumed TLS 1.2 session keeps its id; a resumed TLS 1.3 session gets a new id and keeps its creation time.
 * A JDK upgrade that changes any of this fails here first.
 *
 * <p>Not tested here: a third connection resuming the control session again after a ticketless data connection.
 * The JDK client caches only the latest session per host and port, and a TLS 1.3 resumption without a new ticket
 * leaves it nothing to resume; OpenSSL and GnuTLS FTP clients hand the control session to every data connection
 * explicitly, so that case belongs to the end-to-end tests with curl and lftp.
 */
@Timeout(30)
class SessionResumptionTest {

    private static final int WAIT_SECONDS = 20;

    private static KeyMaterial material;
    private static SSLContext clientContextTemplate;

    private final AtomicInteger fullHandshakes = new AtomicInteger();
    private SSLContext serverContext;
    private SSLContext clientContext;
    private ServerSocketChannel listener;
    private ExecutorService clients;

    @BeforeAll
    static void createKeys() throws GeneralSecurityException, IOException {
        material = SelfSignedCertificate.generate(List.of("localhost"), Duration.ofDays(1));
        clientContextTemplate = TlsTransportTest.trusting(material);
    }

    @BeforeEach
    void listen() throws GeneralSecurityException, IOException {
        serverContext = SSLContext.getInstance("TLS");
        serverContext.init(new KeyManager[] {countingKeyManager()}, null, null);
        clientContext = TlsTransportTest.trusting(material);      // a fresh client session cache per test
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(loopback(), 0));
        clients = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stop() throws IOException, InterruptedException {
        clients.shutdownNow();
        listener.close();
        clients.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void aDataConnectionResumesTheControlSession(String protocol) throws Exception {
        SSLSession control = connect(protocol, false);
        assertEquals(1, fullHandshakes.getAndSet(0));

        SSLSession data = connect(protocol, true);
        assertEquals(0, fullHandshakes.get(), "a resumed handshake chooses no certificate");
        assertEquals(control.getCipherSuite(), data.getCipherSuite());
        assertEquals(control.getCreationTime(), data.getCreationTime());
        if (protocol.equals("TLSv1.2")) {
            assertArrayEquals(control.getId(), data.getId());
        } else {
            assertFalse(Arrays.equals(control.getId(), data.getId()), "TLS 1.3 resumption makes a new session id");
        }

    }

    @Test
    void aConnectionWithoutTicketsLeavesNothingToResume() throws Exception {
        connect("TLSv1.3", true);
        connect("TLSv1.3", false);
        assertEquals(2, fullHandshakes.get());
    }

    @Test
    void ticketsCannotBeDisabledOnceTheHandshakeHasStarted() throws Exception {
        Future<Void> client = clients.submit(() -> {
            try (SSLSocket socket = connectClient("TLSv1.3")) {
                socket.startHandshake();
                socket.getInputStream().read();
            }
            return null;
        });
        try (TlsTransport server = accept(); TestLoop loop = new TestLoop(server)) {
            loop.handshake();
            assertThrows(IllegalStateException.class, server::disableSessionTickets);
        }
        client.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** One connection: the client sends a byte and reads to the end (taking any ticket); returns the server's view. */
    private SSLSession connect(String protocol, boolean withoutTickets) throws Exception {
        Future<Integer> client = clients.submit(() -> {
            try (SSLSocket socket = connectClient(protocol)) {
                socket.getOutputStream().write('x');
                return socket.getInputStream().read();
            }
        });
        SSLSession session;
        try (TlsTransport server = accept(); TestLoop loop = new TestLoop(server)) {
            if (withoutTickets) {
                server.disableSessionTickets();
            }
            loop.handshake();
            assertEquals(1, loop.read(ByteBuffer.allocate(1)));
            session = server.session();
        }
        assertEquals(-1, client.get(WAIT_SECONDS, TimeUnit.SECONDS));
        return session;
    }

    private TlsTransport accept() throws IOException {
        SocketChannel channel = listener.accept();
        channel.configureBlocking(false);
        return new TlsTransport(channel, TlsProtocols.serverEngine(serverContext, null, null));
    }

    private SSLSocket connectClient(String protocol) throws IOException {
        Socket raw = new Socket(loopback(), listener.socket().getLocalPort());
        raw.setSoTimeout(WAIT_SECONDS * 1000);
        // The same host and port every time: the JDK client caches sessions under them.
        SSLSocket socket = (SSLSocket) clientContext.getSocketFactory().createSocket(raw, "localhost",
                raw.getPort(), true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(new String[] {protocol});
        socket.setSSLParameters(parameters);
        return socket;
    }

    /** The platform key manager for the test key, counting the certificate choices that full handshakes make. */
    private X509ExtendedKeyManager countingKeyManager() throws GeneralSecurityException, IOException {
        char[] password = "test".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", material.key(), password, material.chain().toArray(new X509Certificate[0]));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        X509ExtendedKeyManager platform = (X509ExtendedKeyManager) factory.getKeyManagers()[0];
        return new X509ExtendedKeyManager() {
            @Override
            public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
                fullHandshakes.incrementAndGet();
                return platform.chooseEngineServerAlias(keyType, issuers, engine);
            }

            @Override
            public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                throw new AssertionError("engines only");
            }

            @Override
            public String[] getServerAliases(String keyType, Principal[] issuers) {
                return platform.getServerAliases(keyType, issuers);
            }

            @Override
            public String[] getClientAliases(String keyType, Principal[] issuers) {
                return null;
            }

            @Override
            public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
                return null;
            }

            @Override
            public X509Certificate[] getCertificateChain(String alias) {
                return platform.getCertificateChain(alias);
            }

            @Override
            public PrivateKey getPrivateKey(String alias) {
                return platform.getPrivateKey(alias);
            }
        };
    }

    private static InetAddress loopback() throws IOException {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    }
}
