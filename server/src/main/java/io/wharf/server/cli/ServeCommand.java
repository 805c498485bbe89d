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
            "Without --config it runs the embedded default: FTP with AUTH TLS on 127.0.0.1:2121, implicit FTPS on "
                + "127.0.0.1:2990, files in <data-dir>/files, a self-signed certificate in <data-dir>/tls, and "
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
            description = "Embedded default only: where files, users and the TLS certificate live "
                    + "(default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + EmbeddedDefault.PORT,
            description = "Embedded default only: control port on 127.0.0.1, plain FTP with AUTH TLS available "
                    + "(default: ${DEFAULT-VALUE}; 0 picks a free port).")
    int port;

    @Option(names = "--ftps-port", paramLabel = "PORT", defaultValue = "" + EmbeddedDefault.FTPS_PORT,
            description = "Embedded default only: implicit FTPS port on 127.0.0.1 "
                    + "(default: ${DEFAULT-VALUE}; 0 picks a free port).")
    int ftpsPort;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        WharfConfig wharfConfig;
        EmbeddedDefault.Prepared embedded = null;
        if (config != null) {
            try {
                wharfConfig = ConfigLoader.load(config);
            } catch (ConfigException e) {
                err.println("wharf: configuration error: " + e.getMessage());
                return CONFIG_ERROR;
            }
        } else {
            checkPorts();
            try {
                embedded = EmbeddedDefault.prepare(dataDir, port, ftpsPort);
            } catch (IOException e) {
                err.println("wharf: cannot prepare the data directory " + dataDir.toAbsolutePath() + ": " + e);
                return START_ERROR;
            }
            wharfConfig = embedded.config();
        }
        WharfServer server;
        try {
            server = WharfServer.start(wharfConfig);
        } catch (ConfigException e) {
            err.println("wharf: configuration error: " + e.getMessage());
            return CONFIG_ERROR;
        } catch (IOException e) {
            // Two embedded defaults on one machine collide on their fixed ports; say how to move one.
            err.println("wharf: cannot start: " + e.getMessage()
                    + (embedded != null ? " (choose other ports with --port and --ftps-port)" : ""));
            return START_ERROR;
        }
        // The JVM exits as soon as shutdown hooks return, so the hook waits until the goodbye below is printed.
        CountDownLatch reported = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();
            awaitQuietly(reported);
        }, "wharf-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        ServeBanner.print(out, server, embedded);
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

    private void checkPorts() {
        for (int value : new int[] {port, ftpsPort}) {
            if (value < 0 || value > 65535) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "port " + value + " is out of range 0-65535");
            }
        }
        if (port == ftpsPort && port != 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--port and --ftps-port are both " + port + "; the two listeners need different ports");
        }
    }
}
