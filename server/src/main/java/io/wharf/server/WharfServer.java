package io.wharf.server;

import io.wharf.config.ConfigException;
import io.wharf.config.ListenerConfig;
import io.wharf.config.PassiveConfig;
import io.wharf.config.WharfConfig;
import io.wharf.server.auth.Authenticator;
import io.wharf.server.auth.UserDirectory;
import io.wharf.server.command.StandardCommands;
import io.wharf.server.control.ControlSession;
import io.wharf.server.control.ListenerContext;
import io.wharf.server.control.ServerContext;
import io.wharf.server.data.AddressResolver;
import io.wharf.server.data.AdvertisedAddress;
import io.wharf.server.data.AdvertisedAddressRefresher;
import io.wharf.server.data.PassiveAddressCheck;
import io.wharf.server.data.PassivePoolSizing;
import io.wharf.server.data.PassivePortPool;
import io.wharf.server.data.PortBinder;
import io.wharf.server.data.SourcePorts;
import io.wharf.server.reactor.Acceptor;
import io.wharf.server.reactor.BlockingWorkers;
import io.wharf.server.reactor.EventLoop;
import io.wharf.server.reactor.EventLoopGroup;
import io.wharf.server.tls.CertificateWatcher;
import io.wharf.server.tls.ListenerTls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A running Wharf: event loops, one acceptor per listener, the authenticator. {@link #start} binds everything or
 * nothing; {@link #close} tells every session {@code 421}, closes every socket and returns every passive port.
 */
public final class WharfServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WharfServer.class.getName());
    /** Partner batch jobs connect in bursts of hundreds; the kernel caps this at somaxconn. */
    private static final int ACCEPT_BACKLOG = 4096;
    private static final int AUTH_QUEUE = 4096;
    private static final int FILE_QUEUE = 1024;
    private static final int TLS_QUEUE = 4096;
    private static final Duration CERTIFICATE_POLL = Duration.ofSeconds(2);

    /** A listener as bound: its name, address, passive pool and TLS (null for plain FTP). */
    public record BoundListener(String name, InetSocketAddress address, PassivePortPool pool, ListenerTls tls) {
    }

    private final WharfConfig config;
    private final EventLoopGroup loops;
    private final Authenticator authenticator;
    private final BlockingWorkers fileWorkers;
    private final BlockingWorkers tlsWorkers;
    private final ServerContext context;
    private final Map<String, BoundListener> listeners = new LinkedHashMap<>();
    private final List<Acceptor> acceptors = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<AdvertisedAddress> advertised = new ArrayList<>();
    /** Operator warnings found while binding, logged once everything is up. */
    private final List<String> startWarnings = new ArrayList<>();
    private CertificateWatcher certificates;
    private AdvertisedAddressRefresher advertisedRefresher;
    private boolean closed;

    private WharfServer(WharfConfig config, UserDirectory users) {
        this.config = config;
        int loopCount = config.eventLoops() > 0 ? config.eventLoops() : Runtime.getRuntime().availableProcessors();
        int authThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
        this.authenticator = new Authenticator(users, authThreads, AUTH_QUEUE);
        this.fileWorkers = new BlockingWorkers("wharf-file", authThreads, FILE_QUEUE);
        // Handshake bursts (a partner's batch job connecting hundreds of sessions) queue here, not on the loops.
        this.tlsWorkers = new BlockingWorkers("wharf-tls", Runtime.getRuntime().availableProcessors(), TLS_QUEUE);
        this.context = new ServerContext(StandardCommands.table(), authenticator, fileWorkers, tlsWorkers,
                config.limits());
        this.loops = new EventLoopGroup(loopCount);
    }

    /**
     * Loads users, creates the root directory if needed, binds every listener and starts serving.
     *
     * @throws ConfigException when the users file is wrong
     * @throws IOException     when a listener cannot bind (the message names it); nothing is left running
     */
    public static WharfServer start(WharfConfig config) throws IOException, ConfigException {
        // Certificates first: a listener that cannot serve TLS must stop the start, before any port is bound.
        Map<String, ListenerTls> tls = new LinkedHashMap<>();
        for (ListenerConfig listener : config.listeners()) {
            if (listener.tls() != null) {
                tls.put(listener.name(), ListenerTls.load(listener.name(), listener.tls()));
            }
        }
        Files.createDirectories(config.rootDirectory());
        UserDirectory users = UserDirectory.load(config.usersFile(), config.rootDirectory());
        if (users.anyClientCertificates()) {
            tls.values().forEach(ListenerTls::requestClientCertificates);
        }
        WharfServer server = new WharfServer(config, users);
        try {
            PassiveAddressCheck addressCheck = new PassiveAddressCheck(PassiveAddressCheck.upInterfaceAddresses());
            for (ListenerConfig listener : config.listeners()) {
                server.bind(listener, tls.get(listener.name()), addressCheck);
            }
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        if (!tls.isEmpty()) {
            server.certificates = CertificateWatcher.start(List.copyOf(tls.values()), CERTIFICATE_POLL);
        }
        server.advertisedRefresher = AdvertisedAddressRefresher.start(server.advertised);
        for (BoundListener bound : server.listeners.values()) {
            LOG.log(System.Logger.Level.INFO, "listener {0} on {1}, {2} passive ports, {3} event loops, {4} users",
                    bound.name(), bound.address(), bound.pool().capacity(), server.loops.size(), users.size());
        }
        for (String warning : server.startWarnings) {
            LOG.log(System.Logger.Level.WARNING, warning);
        }
        return server;
    }

    private void bind(ListenerConfig listener, ListenerTls tls, PassiveAddressCheck addressCheck)
            throws IOException {
        InetAddress address = resolve(listener.address(), listener.name(), "address");
        PassiveConfig passive = listener.passive();
        AdvertisedAddress advertisedAddress = passive.advertisedAddress() == null ? null
                : AdvertisedAddress.resolve(listener.name(), passive.advertisedAddress(), passive.advertisesHostName(),
                        passive.advertisedAddressRefresh(), AddressResolver.system());
        PassivePortPool pool = new PassivePortPool(listener.passive().ports(), PortBinder.system());
        ServerSocketChannel channel = ServerSocketChannel.open();
        InetSocketAddress bound;
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress(address, listener.port()), ACCEPT_BACKLOG);
            bound = (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot listen on " + address.getHostAddress() + ":" + listener.port()
                    + " (listener " + listener.name() + "): " + e.getMessage(), e);
        }
        SourcePorts sourcePorts = new SourcePorts(listener.active().sourcePorts());
        ListenerContext listenerContext = new ListenerContext(listener.name(), pool, advertisedAddress,
                passive.localNetworks(), listener.active(), sourcePorts, tls);
        Acceptor acceptor = new Acceptor(listener.name(), channel, loops, new Acceptor.Admission() {
            @Override
            public boolean tryAdmit() {
                return context.tryOpenSession();
            }

            @Override
            public void release() {
                context.sessionClosed();
            }

            @Override
            public void open(EventLoop loop, SocketChannel accepted) {
                ControlSession.open(loop, accepted, context, listenerContext);
            }
        });
        acceptors.add(acceptor);
        listeners.put(listener.name(), new BoundListener(listener.name(), bound, pool, tls));
        acceptor.start();
        if (advertisedAddress != null) {
            advertised.add(advertisedAddress);
        }
        startWarnings.addAll(addressCheck.warnings(listener.name(), address,
                advertisedAddress == null ? null : advertisedAddress.current(), passive.advertisedAddress(),
                passive.localNetworks()));
        PassivePoolSizing.warning(listener.name(), passive.size(), config.limits().maxSessions())
                .ifPresent(startWarnings::add);
    }

    private static InetAddress resolve(String host, String listener, String key) throws IOException {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IOException("listener " + listener + ": " + key + " " + host + " does not resolve", e);
        }
    }

    /** The listeners as bound, in configuration order. */
    public List<BoundListener> listeners() {
        return List.copyOf(listeners.values());
    }

    /** The first listener, which is the only one in most deployments. */
    public BoundListener listener() {
        return listeners.values().iterator().next();
    }

    /** The operator warnings logged at start, one line each (the passive address and the pool size). */
    public List<String> startWarnings() {
        return List.copyOf(startWarnings);
    }

    /** The configuration this server runs. */
    public WharfConfig config() {
        return config;
    }

    /** Server-wide state: session count, limits. */
    public ServerContext context() {
        return context;
    }

    /** The event loops, for tests and metrics. */
    public EventLoopGroup loops() {
        return loops;
    }

    /** Blocks until {@link #close} has finished. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Stops accepting, tells every session {@code 421}, closes everything. Idempotent; any thread. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            for (Acceptor acceptor : acceptors) {
                acceptor.close();
            }
            if (!loops.shutdown(() -> { }, 10, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "event loops did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (certificates != null) {
                certificates.close();
            }
            if (advertisedRefresher != null) {
                advertisedRefresher.close();
            }
            authenticator.close();
            fileWorkers.close();
            tlsWorkers.close();
            stopped.countDown();
        }
    }
}
