package io.wharf.bench.load;

import io.wharf.bench.WharfBench;
import io.wharf.config.ActiveConfig;
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
import io.wharf.tls.KeyMaterial;
import io.wharf.tls.SelfSignedCertificate;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import picocli.CommandLine;

/**
 * A real Wharf in-process for each test, on 127.0.0.1 and an ephemeral control port, with one user and a fresh
 * root; and {@link #bench} to run {@code wharf-bench} against it through picocli, capturing its output. The server
 * module's own extension lives in its test sources, which this module cannot see.
 *
 * <p>{@link #withTls()} adds two FTPS listeners, explicit ({@link #ftpsUrl()}) and implicit ({@link #implicitUrl()}),
 * with a self-signed certificate, TLS required on control and data connections, and data connections required to
 * resume the control connection's session (Wharf's default, {@code enforce}); the plain listener ({@link #url()})
 * then offers AUTH TLS too, without requiring it.
 */
final class WharfFixture implements BeforeEachCallback, AfterEachCallback {

    static final String USER = "bench";
    static final String PASSWORD = "bench-Pa55";
    /** Cheap Argon2id so the preflight and set-up logins cost nothing; production hashes use the default. */
    private static final String HASH = new Argon2idHasher(new Argon2idHasher.Cost(64, 1, 1))
            .hash(PASSWORD.getBytes(StandardCharsets.UTF_8));
    private static final int PASSIVE_PORTS = 64;
    /** Listeners: plain, and with {@link #withTls()} explicit and implicit FTPS, each with passive ports of its own. */
    private static final int MAX_LISTENERS = 3;
    /**
     * The server logs a line per session at INFO; thousands of logins would bury the test output. Held in a field:
     * java.util.logging keeps loggers only weakly, and a collected logger would forget its level.
     */
    private static final Logger SERVER_LOG = Logger.getLogger("io.wharf");

    /** One {@code wharf-bench} run: exit code, stdout, stderr. */
    record Run(int code, String out, String err) {
        /** The first JSON or table number after {@code "name": }. */
        double number(String json, String name) {
            Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\": (-?[0-9.]+)").matcher(json);
            if (!m.find()) {
                throw new AssertionError("no \"" + name + "\" in " + json);
            }
            return Double.parseDouble(m.group(1));
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private boolean isTls;
    private Path base;
    private WharfServer server;

    /** Also serves explicit and implicit FTPS, on listeners of their own. */
    WharfFixture withTls() {
        isTls = true;
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        SERVER_LOG.setLevel(Level.WARNING);
        base = Files.createTempDirectory("wharf-bench-test-");
        Path root = Files.createDirectories(base.resolve("root"));
        Files.createDirectories(root.resolve("home"));
        Path users = base.resolve("users.yaml");
        UsersFile.write(users, List.of(new UserEntry(USER, HASH, "home")));
        int span = PASSIVE_PORTS * MAX_LISTENERS;
        int first = 20_000 + ThreadLocalRandom.current().nextInt((10_000 - span) / 16) * 16;
        List<ListenerConfig> listeners = new ArrayList<>();
        if (isTls) {
            Path certificate = base.resolve("server.crt");
            Path key = base.resolve("server.key");
            SelfSignedCertificate.writePem(TestCertificate.MATERIAL, certificate, key);
            listeners.add(new ListenerConfig("ftp", "127.0.0.1", 0, passive(first), ActiveConfig.defaults(),
                    tls(false, TlsRequirement.NONE, certificate, key)));
            listeners.add(new ListenerConfig("ftps", "127.0.0.1", 0, passive(first + PASSIVE_PORTS),
                    ActiveConfig.defaults(), tls(false, TlsRequirement.BOTH, certificate, key)));
            listeners.add(new ListenerConfig("implicit", "127.0.0.1", 0, passive(first + 2 * PASSIVE_PORTS),
                    ActiveConfig.defaults(), tls(true, TlsRequirement.BOTH, certificate, key)));
        } else {
            listeners.add(new ListenerConfig("ftp", "127.0.0.1", 0, passive(first)));
        }
        WharfConfig config = new WharfConfig(null, 2, root, users, LimitsConfig.defaults(), listeners);
        server = WharfServer.start(config);
    }

    private static PassiveConfig passive(int first) {
        return new PassiveConfig(List.of(new PortRange(first, first + PASSIVE_PORTS - 1)), null);
    }

    private static TlsConfig tls(boolean isImplicit, TlsRequirement require, Path certificate, Path key) {
        return new TlsConfig(isImplicit, certificate, key, null, null, require, SessionReuse.ENFORCE,
                TlsConfig.DEFAULT_PROTOCOLS, List.of(), false);
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

    /** {@code ftp://bench:PASSWORD@127.0.0.1:PORT}, or with another password. */
    String url(String password) {
        return "ftp://" + USER + ":" + password + "@127.0.0.1:" + server.listener().address().getPort();
    }

    String url() {
        return url(PASSWORD);
    }

    /** {@code ftps://bench:PASSWORD@127.0.0.1:PORT}, the explicit FTPS listener ({@link #withTls()}). */
    String ftpsUrl() {
        return "ftps://" + USER + ":" + PASSWORD + "@127.0.0.1:" + server.listeners().get(1).address().getPort();
    }

    /** The implicit FTPS listener's URL, for {@code --implicit} ({@link #withTls()}). */
    String implicitUrl() {
        return "ftps://" + USER + ":" + PASSWORD + "@127.0.0.1:" + server.listeners().get(2).address().getPort();
    }

    /** The FTPS listeners' certificate fingerprint, as the reports print it. */
    static String certificateSha256() {
        return TestCertificate.MATERIAL.sha256Fingerprint();
    }

    /** The user's home on the server's disk, where uploads land. */
    Path home() {
        return server.config().rootDirectory().resolve("home");
    }

    /** A scratch directory for result files, removed with the rest. */
    Path scratch() {
        return base;
    }

    /** A loopback port nothing listens on: bound, then released. */
    static int closedPort() throws IOException {
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            return ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
    }

    /** Generated once per JVM: every TLS test may serve the same self-signed certificate. */
    private static final class TestCertificate {
        static final KeyMaterial MATERIAL = generate();

        private static KeyMaterial generate() {
            try {
                return SelfSignedCertificate.generate(List.of("127.0.0.1", "localhost"), Duration.ofDays(2));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Runs {@code wharf-bench args...} in this JVM. */
    static Run bench(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new WharfBench());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
