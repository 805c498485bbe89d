package io.wharf.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.config.ActiveConfig;
import io.wharf.config.Cidr;
import io.wharf.config.LimitsConfig;
import io.wharf.config.ListenerConfig;
import io.wharf.config.PassiveConfig;
import io.wharf.config.PortRange;
import io.wharf.config.SessionReuse;
import io.wharf.config.TlsConfig;
import io.wharf.config.TlsRequirement;
import io.wharf.config.UserEntry;
import io.wharf.config.UsersFile;
import io.wharf.config.WharfConfig;
import io.wharf.server.WharfServer;
import io.wharf.server.auth.Argon2idHasher;
import io.wharf.server.data.PassivePortPool;
import io.wharf.tls.KeyMaterial;
import io.wharf.tls.SelfSignedCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPReply;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a real Wharf in-process for each test: 127.0.0.1, an ephemeral control port, a fresh root directory, and
 * one user. After each test it stops the server; {@link #assertNoLeaks()} checks that every passive port is back,
 * no session is left and the process holds no more file descriptors than before the server started.
 */
public final class WharfServerExtension implements BeforeEachCallback, AfterEachCallback {

    /** The test user. */
    public static final String USER = "partner";
    /** The test user's password. */
    public static final String PASSWORD = "s3cret-Pa55";
    /** Cheap Argon2id cost so hundreds of logins stay fast in tests; production hashes use the default. */
    private static final Argon2idHasher.Cost TEST_COST = new Argon2idHasher.Cost(64, 1, 1);
    private static final String HASH = new Argon2idHasher(TEST_COST).hash(PASSWORD.getBytes(StandardCharsets.UTF_8));

    private int passivePorts = 100;
    private int maxSessions = 1_000;
    private int maxLineBytes = 4096;
    private Duration idleTimeout = Duration.ofSeconds(300);
    private Duration dataConnectTimeout = Duration.ofSeconds(30);
    private ActiveConfig active = ActiveConfig.defaults();
    private String advertisedAddress;
    private List<Cidr> localNetworks = List.of();
    private String bindAddress = "127.0.0.1";
    private int eventLoops = 2;
    private boolean tls;
    private boolean tlsImplicit;
    private TlsRequirement tlsRequire = TlsRequirement.NONE;
    private SessionReuse sessionReuse = SessionReuse.ENFORCE;
    private List<String> tlsProtocols = TlsConfig.DEFAULT_PROTOCOLS;
    private boolean allowCcc;
    private final List<UserEntry> extraUsers = new ArrayList<>();
    private Path base;
    private PortRange passiveRange;
    private WharfServer server;
    private long baselineFds;

    /** Number of passive ports (a random slice of 20000-29999, so servers side by side rarely meet). */
    public WharfServerExtension passivePorts(int count) {
        this.passivePorts = count;
        return this;
    }

    /** Session limit. */
    public WharfServerExtension maxSessions(int count) {
        this.maxSessions = count;
        return this;
    }

    /** Control line cap. */
    public WharfServerExtension maxLineBytes(int bytes) {
        this.maxLineBytes = bytes;
        return this;
    }

    /** Idle timeout. */
    public WharfServerExtension idleTimeout(Duration timeout) {
        this.idleTimeout = timeout;
        return this;
    }

    /** Data-connect timeout. */
    public WharfServerExtension dataConnectTimeout(Duration timeout) {
        this.dataConnectTimeout = timeout;
        return this;
    }

    /** Active-mode (PORT/EPRT) rules. */
    public WharfServerExtension active(ActiveConfig rules) {
        this.active = rules;
        return this;
    }

    /** Number of event loops (2 by default; 1 puts every session on the same loop). */
    public WharfServerExtension eventLoops(int count) {
        this.eventLoops = count;
        return this;
    }

    /** The control listener's address: 127.0.0.1 by default, or ::1. */
    public WharfServerExtension address(String address) {
        this.bindAddress = address;
        return this;
    }

    /** The address PASV advertises, and the client networks told the local address instead. */
    public WharfServerExtension advertised(String address, List<Cidr> networks) {
        this.advertisedAddress = address;
        this.localNetworks = networks;
        return this;
    }

    /**
     * Serves FTPS with a self-signed certificate for 127.0.0.1, localhost and ::1 ({@link #certificate()}).
     *
     * @param implicit true for implicit FTPS, false for AUTH TLS
     */
    public WharfServerExtension tls(boolean implicit, TlsRequirement require, SessionReuse reuse) {
        this.tls = true;
        this.tlsImplicit = implicit;
        this.tlsRequire = require;
        this.sessionReuse = reuse;
        return this;
    }

    /** TLS protocol versions (default TLS 1.3 and 1.2). */
    public WharfServerExtension tlsProtocols(String... protocols) {
        this.tlsProtocols = List.of(protocols);
        return this;
    }

    /** Another user with the test password and the same home, and TLS rules of its own. */
    public WharfServerExtension user(String name, TlsRequirement tlsRule, String clientCertificate) {
        extraUsers.add(new UserEntry(name, HASH, "home", tlsRule, clientCertificate));
        return this;
    }

    /** Accepts CCC. */
    public WharfServerExtension allowCcc() {
        this.allowCcc = true;
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        base = Files.createTempDirectory("wharf-it-");
        Path root = Files.createDirectories(base.resolve("root"));
        Files.createDirectories(root.resolve("home"));
        Path users = base.resolve("users.yaml");
        List<UserEntry> entries = new ArrayList<>(extraUsers);
        entries.add(0, new UserEntry(USER, HASH, "home"));
        UsersFile.write(users, entries);
        int first = 20_000 + ThreadLocalRandom.current().nextInt((10_000 - passivePorts) / 16) * 16;
        passiveRange = new PortRange(first, first + passivePorts - 1);
        PassiveConfig passive = new PassiveConfig(List.of(passiveRange),
                advertisedAddress, localNetworks);
        LimitsConfig limits = new LimitsConfig(maxSessions, idleTimeout, Duration.ofSeconds(60), dataConnectTimeout,
                maxLineBytes);
        TlsConfig tlsConfig = null;
        if (tls) {
            SelfSignedCertificate.writePem(TestCertificate.MATERIAL, certificateFile(), keyFile());
            tlsConfig = new TlsConfig(tlsImplicit, certificateFile(), keyFile(), null, null, tlsRequire, sessionReuse,
                    tlsProtocols, List.of(), allowCcc);
        }
        WharfConfig config = new WharfConfig(null, eventLoops, root, users, limits,
                List.of(new ListenerConfig("ftp", bindAddress, 0, passive, active, tlsConfig)));
        baselineFds = openFileDescriptors();
        server = WharfServer.start(config);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (server != null) {
            server.close();
        }
        if (base != null) {
            try (Stream<Path> paths = Files.walk(base)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The running server. */
    public WharfServer server() {
        return server;
    }

    /** The control port. */
    public int port() {
        return server.listener().address().getPort();
    }

    /** The test user's home directory (the root of what the client sees). */
    public Path home() {
        return server.config().rootDirectory().resolve("home");
    }

    /** The directory that contains the server root; nothing in it is reachable by clients except the home. */
    public Path outside() {
        return base;
    }

    /** The PEM certificate file of a TLS listener (in the test's directory, outside the server root). */
    public Path certificateFile() {
        return base.resolve("server.crt");
    }

    /** The PEM key file of a TLS listener. */
    public Path keyFile() {
        return base.resolve("server.key");
    }

    /** The certificate a TLS listener serves (the same for every test in this JVM). */
    public static KeyMaterial certificate() {
        return TestCertificate.MATERIAL;
    }

    /** The listener's passive pool. */
    public PassivePortPool pool() {
        return server.listener().pool();
    }

    /** The passive port range this test's server was given (a random slice of 20000-29999). */
    public PortRange passiveRange() {
        return passiveRange;
    }

    /** A Commons Net client, connected, logged in, binary type, local passive mode. */
    public FTPClient loggedInClient() throws IOException {
        FTPClient ftp = connectedClient();
        assertTrue(ftp.login(USER, PASSWORD), "login: " + ftp.getReplyString());
        assertTrue(ftp.setFileType(FTP.BINARY_FILE_TYPE), ftp.getReplyString());
        ftp.enterLocalPassiveMode();
        return ftp;
    }

    /** A Commons Net client, connected but not logged in. */
    public FTPClient connectedClient() throws IOException {
        FTPClient ftp = new FTPClient();
        ftp.setConnectTimeout(10_000);
        ftp.setDefaultTimeout(30_000);
        ftp.connect("127.0.0.1", port());
        ftp.setSoTimeout(30_000);
        assertTrue(FTPReply.isPositiveCompletion(ftp.getReplyCode()), ftp.getReplyString());
        return ftp;
    }

    /**
     * Every passive port back in the pool, no session left, and no file descriptor more than before the server
     * started (plus the server's own fixed set: selectors, listening socket). Waits briefly for closes in flight.
     */
    public void assertNoLeaks() {
        await(() -> server.context().sessions() == 0, "sessions still open: " + server.context().sessions());
        await(() -> pool().available() == pool().capacity(),
                "passive ports leased: " + (pool().capacity() - pool().available()));
        long fixed = fixedServerFds();
        await(() -> openFileDescriptors() <= baselineFds + fixed,
                "file descriptors: baseline " + baselineFds + " + server " + fixed + ", now " + openFileDescriptors());
        assertEquals(pool().capacity(), pool().available());
    }

    /** Fds an idle server legitimately holds: per loop a selector (epoll fd, wakeup pipe), the listener, slack. */
    private long fixedServerFds() {
        return server.loops().size() * 3L + 1 + 2;
    }

    /** Generated once per JVM: every TLS test may serve the same self-signed certificate. */
    private static final class TestCertificate {
        static final KeyMaterial MATERIAL = generate();

        private static KeyMaterial generate() {
            try {
                return SelfSignedCertificate.generate(List.of("127.0.0.1", "localhost", "::1"), Duration.ofDays(2));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Polls {@code condition} until true or 10 s pass. */
    public static void await(BooleanSupplier condition, String failure) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure);
            }
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
    }

    /** Open file descriptors of this process (Linux). */
    public static long openFileDescriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
