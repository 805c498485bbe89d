package io.wharf.server.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A key manager that remembers which engines made a full handshake. The JDK has no "resumed" flag, but a full
 * handshake always asks the key manager for the server's certificate and a resumed one never does, so an engine
 * that never came through here resumed a session. Delegates everything to the listener's shared key manager.
 *
 * <p>Thread-safe: the JDK may call it from whichever thread runs the engine's delegated tasks.
 */
final class HandshakeWitness extends X509ExtendedKeyManager {

    private final X509ExtendedKeyManager delegate;
    private final Set<SSLEngine> fullHandshakes = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<SSLEngine, Boolean>()));

    HandshakeWitness(X509ExtendedKeyManager delegate) {
        this.delegate = delegate;
    }

    /** True when {@code engine} made a full handshake (chose a certificate) rather than resuming a session. */
    boolean madeFullHandshake(SSLEngine engine) {
        return fullHandshakes.contains(engine);
    }

    /** Forgets {@code engine}, once its connection is checked. */
    void forget(SSLEngine engine) {
        fullHandshakes.remove(engine);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        String alias = delegate.chooseEngineServerAlias(keyType, issuers, engine);
        if (alias != null && engine != null) {
            fullHandshakes.add(engine);
        }
        return alias;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return delegate.chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return delegate.getServerAliases(keyType, issuers);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return delegate.getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return delegate.chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return delegate.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return delegate.getPrivateKey(alias);
    }
}
