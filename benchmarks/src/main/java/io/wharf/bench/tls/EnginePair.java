package io.wharf.bench.tls;

import io.wharf.tls.KeyMaterial;
import io.wharf.tls.SelfSignedCertificate;
import io.wharf.tls.TlsProtocols;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * A client and a server {@link SSLEngine} joined by two in-memory buffers, no sockets: what the TLS benchmarks
 * measure is the engines' own work. The server engine is made as Wharf makes it ({@link TlsProtocols#serverEngine},
 * one protocol and one suite, so the {@code @Param} decides what is negotiated); the client trusts the self-signed
 * certificate and is created without a peer host, so the JDK never resumes a session and every handshake is full.
 *
 * <p>Buffers are heap buffers, as {@code TlsTransport}'s are. Delegated tasks run inline; the time the server's take
 * is added to {@link #serverTaskNs}, and all the time spent in the server engine (wrap, unwrap, tasks) to
 * {@link #serverEngineNs}, so a handshake benchmark can show the share a task offload could move off the loop.
 */
final class EnginePair {

    private static final int MAX_HANDSHAKE_ROUNDS = 64;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    final SSLEngine client;
    final SSLEngine server;
    /** Client to server, in fill mode. */
    final ByteBuffer toServer;
    /** Server to client, in fill mode. */
    final ByteBuffer toClient;
    private final ByteBuffer clientApp;
    private final ByteBuffer serverApp;
    long serverTaskNs;
    long serverEngineNs;

    /**
     * @param netRecords how many full records each direction's buffer must hold at once
     */
    EnginePair(Contexts contexts, TlsSuite suite, int netRecords) {
        server = TlsProtocols.serverEngine(contexts.server, List.of(suite.protocol), List.of(suite.cipherSuite));
        client = contexts.client.createSSLEngine();
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {suite.protocol});
        client.setEnabledCipherSuites(new String[] {suite.cipherSuite});
        int packet = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
        int app = Math.max(client.getSession().getApplicationBufferSize(),
                server.getSession().getApplicationBufferSize());
        toServer = ByteBuffer.allocate(packet * Math.max(netRecords, 2));
        toClient = ByteBuffer.allocate(packet * Math.max(netRecords, 2));
        clientApp = ByteBuffer.allocate(app);
        serverApp = ByteBuffer.allocate(app);
    }

    /** Runs the full handshake, including TLS 1.3's NewSessionTicket, until both engines are idle. */
    void handshake() throws SSLException {
        client.beginHandshake();
        server.beginHandshake();
        for (int round = 0; round < MAX_HANDSHAKE_ROUNDS; round++) {
            boolean moved = wrapOwn(client, toServer, false) | wrapOwn(server, toClient, true);
            moved |= unwrapAll(server, toServer, serverApp, true) | unwrapAll(client, toClient, clientApp, false);
            if (!moved && isIdle(client) && isIdle(server) && toServer.position() == 0 && toClient.position() == 0) {
                return;
            }
        }
        throw new SSLException("handshake did not finish: client " + client.getHandshakeStatus() + ", server "
                + server.getHandshakeStatus());
    }

    /** Negotiated protocol and suite, for checking that the {@code @Param} took effect. */
    String negotiated() {
        return server.getSession().getProtocol() + " " + server.getSession().getCipherSuite();
    }

    /** Answers whatever the engines still want to say to each other (a TLS 1.3 KeyUpdate, say). */
    void settle() throws SSLException {
        if (!isIdle(client) || !isIdle(server)) {
            handshake();
        }
    }

    /**
     * Unwraps every complete record in {@code in} (fill mode) into {@code app}, which is emptied as it fills;
     * returns whether anything was consumed.
     */
    boolean unwrapAll(SSLEngine engine, ByteBuffer in, ByteBuffer app, boolean isServer) throws SSLException {
        in.flip();
        boolean moved = false;
        try {
            while (in.hasRemaining()) {
                app.clear();
                long start = isServer ? System.nanoTime() : 0;
                SSLEngineResult result = engine.unwrap(in, app);
                if (isServer) {
                    serverEngineNs += System.nanoTime() - start;
                }
                runTasks(engine, isServer);
                if (result.bytesConsumed() == 0) {
                    break;
                }
                moved = true;
            }
        } finally {
            in.compact();
        }
        return moved;
    }

    /** Client application buffer, large enough for one record. */
    ByteBuffer clientApp() {
        return clientApp;
    }

    private boolean wrapOwn(SSLEngine engine, ByteBuffer out, boolean isServer) throws SSLException {
        boolean moved = false;
        while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            long start = isServer ? System.nanoTime() : 0;
            SSLEngineResult result = engine.wrap(EMPTY, out);
            if (isServer) {
                serverEngineNs += System.nanoTime() - start;
            }
            runTasks(engine, isServer);
            if (result.bytesProduced() == 0) {
                break;
            }
            moved = true;
        }
        return moved;
    }

    private void runTasks(SSLEngine engine, boolean isServer) {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            long start = isServer ? System.nanoTime() : 0;
            task.run();
            if (isServer) {
                long ns = System.nanoTime() - start;
                serverTaskNs += ns;
                serverEngineNs += ns;
            }
        }
    }

    private static boolean isIdle(SSLEngine engine) {
        HandshakeStatus status = engine.getHandshakeStatus();
        return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
    }

    /** A server context for a fresh self-signed certificate, and a client context that trusts it. */
    static final class Contexts {
        final SSLContext server;
        final SSLContext client;

        Contexts() throws GeneralSecurityException, IOException {
            KeyMaterial material = SelfSignedCertificate.generate(List.of("localhost"), Duration.ofDays(1));
            server = material.serverContext();
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("wharf", material.certificate());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            client = SSLContext.getInstance("TLS");
            client.init(null, trust.getTrustManagers(), null);
        }
    }
}
