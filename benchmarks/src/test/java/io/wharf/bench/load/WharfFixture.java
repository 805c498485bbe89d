package io.wharf.bench.load;

import io.wharf.bench.WharfBench;
import io.wharf.config.LimitsConfig;
import io.wharf.config.ListenerConfig;
import io.wharf.config.PassiveConfig;
import io.wharf.config.PortRange;
import io.wharf.config.UserEntry;
import io.wharf.config.UsersFile;
import io.wharf.config.WharfConfig;
import io.wharf.server.WharfServer;
import io.wharf.server.auth.Argon2idHasher;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 */
final class WharfFixture implements BeforeEachCallback, AfterEachCallback {

    static final String USER = "bench";
    static final String PASSWORD = "bench-Pa55";
    /** Cheap Argon2id so the preflight and set-up logins cost nothing; production hashes use the default. */
    private static final String HASH = new Argon2idHasher(new Argon2idHasher.Cost(64, 1, 1))
            .hash(PASSWORD.getBytes(StandardCharsets.UTF_8));
    private static final int PASSIVE_PORTS = 64;
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

    private Path base;
    private WharfServer server;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        SERVER_LOG.setLevel(Level.WARNING);
        base = Files.createTempDirectory("wharf-bench-test-");
        Path root = Files.createDirectories(base.resolve("root"));
        Files.createDirectories(root.resolve("home"));
        Path users = base.resolve("users.yaml");
        UsersFile.write(users, List.of(new UserEntry(USER, HASH, "home")));
        int first = 20_000 + ThreadLocalRandom.current().nextInt((10_000 - PASSIVE_PORTS) / 16) * 16;
        PassiveConfig passive = new PassiveConfig(List.of(new PortRange(first, first + PASSIVE_PORTS - 1)), null);
        WharfConfig config = new WharfConfig(null, 2, root, users, LimitsConfig.defaults(),
                List.of(new ListenerConfig("ftp", "127.0.0.1", 0, passive)));
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

    /** {@code ftp://bench:PASSWORD@127.0.0.1:PORT}, or with another password. */
    String url(String password) {
        return "ftp://" + USER + ":" + password + "@127.0.0.1:" + server.listener().address().getPort();
    }

    String url() {
        return url(PASSWORD);
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
