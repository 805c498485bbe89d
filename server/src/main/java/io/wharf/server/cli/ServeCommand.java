package io.wharf.server.cli;

import io.wharf.config.ConfigException;
import io.wharf.config.ConfigLoader;
import io.wharf.config.WharfConfig;
import io.wharf.server.EmbeddedDefault;
import io.wharf.server.WharfServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wharf serve}: runs the server until Ctrl-C or SIGTERM. */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Runs the FTP server until interrupted (Ctrl-C or SIGTERM stop it cleanly).",
            "Without --config it runs the embedded default: 127.0.0.1:2121, files in <data-dir>/files, "
                + "user 'demo' with a random password printed on first start."})
public final class ServeCommand implements Callable<Integer> {

    /** Exit code for a configuration file that does not load. */
    static final int CONFIG_ERROR = 3;
    /** Exit code for a server that could not start. */
    static final int START_ERROR = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "YAML configuration file (see wharf.example.yaml).")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "wharf-data",
            description = "Embedded default only: where files and users live (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + EmbeddedDefault.PORT,
            description = "Embedded default only: control port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        WharfConfig wharfConfig;
        String newPassword = null;
        if (config != null) {
            try {
                wharfConfig = ConfigLoader.load(config);
            } catch (ConfigException e) {
                err.println("wharf: configuration error: " + e.getMessage());
                return CONFIG_ERROR;
            }
        } else {
            EmbeddedDefault.Prepared prepared = EmbeddedDefault.prepare(dataDir, port);
            wharfConfig = prepared.config();
            newPassword = prepared.newPassword();
        }
        WharfServer server;
        try {
            server = WharfServer.start(wharfConfig);
        } catch (ConfigException e) {
            err.println("wharf: configuration error: " + e.getMessage());
            return CONFIG_ERROR;
        } catch (IOException e) {
            err.println("wharf: cannot start: " + e.getMessage());
            return START_ERROR;
        }
        // The JVM exits as soon as shutdown hooks return, so the hook waits until the goodbye below is printed.
        CountDownLatch reported = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();
            awaitQuietly(reported);
        }, "wharf-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        printBanner(out, server, config == null, newPassword);
        server.awaitStop();
        out.println("Wharf stopped.");
        out.flush();
        reported.countDown();
        return 0;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void printBanner(PrintWriter out, WharfServer server, boolean embedded, String newPassword) {
        for (WharfServer.BoundListener listener : server.listeners()) {
            out.printf("Wharf listening on ftp://%s:%d (listener %s, passive ports: %d)%n",
                    listener.address().getAddress().getHostAddress(), listener.address().getPort(),
                    listener.name(), listener.pool().capacity());
        }
        out.println("Serving " + server.config().rootDirectory());
        if (embedded) {
            WharfServer.BoundListener listener = server.listener();
            String host = listener.address().getAddress().getHostAddress();
            int boundPort = listener.address().getPort();
            String user = EmbeddedDefault.USER;
            if (newPassword != null) {
                out.println("Created user '" + user + "' with password: " + newPassword);
                out.println("  (shown only now; stored as an Argon2id hash in " + server.config().usersFile() + ")");
            } else {
                out.println("User '" + user + "' from " + server.config().usersFile()
                        + " (password shown at first start; delete that file to generate a new one)");
            }
            String secret = newPassword != null ? newPassword : "PASSWORD";
            out.println("Connect with:");
            out.printf("  lftp -u %s,%s -p %d %s%n", user, secret, boundPort, host);
            out.printf("  curl --user %s:%s ftp://%s:%d/%n", user, secret, host, boundPort);
        }
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }
}
