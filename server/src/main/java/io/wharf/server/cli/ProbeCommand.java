package io.wharf.server.cli;

import io.wharf.server.probe.Probe;
import io.wharf.server.probe.ProbeOptions;
import io.wharf.server.probe.ProbeReport;
import io.wharf.server.probe.ProbeTable;
import io.wharf.server.probe.ProbeTarget;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wharf probe URL}: tests the data connections of any FTP server, Wharf or not, in every mode, and explains
 * each failure. Exit codes: 0 at least one data mode works, 1 none does or the control connection or login failed,
 * 2 bad command line.
 */
@Command(name = "probe",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Diagnoses FTP data connections on any FTP server: logs in once per data mode (PASV, EPSV, PORT, EPRT; "
                + "plain, and over TLS where offered), lists a directory in each, and prints a table of what works, "
                + "how long it took, and for each failure the likely cause and the fix.",
            "URL: ftp://[user[:password]@]host[:port][/path], or ftps://... for explicit FTPS (AUTH TLS). Without a "
                + "user the login is anonymous. Without a password in the URL, --password-env names a variable "
                + "that holds it, else it is asked for on the terminal.",
            "TLS handshakes complete even with an untrusted certificate: the header says whether the chain "
                + "verifies and the host name matches."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:at least one data mode works",
            "1:no data mode works, or the control connection or the login failed",
            "2:invalid command-line usage"})
public final class ProbeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "URL", description = "ftp://[user[:password]@]host[:port][/path] or ftps://...")
    String url;

    @Option(names = "--implicit",
            description = "Implicit FTPS: TLS from the first byte (default port 990). Needs an ftps:// URL.")
    boolean implicit;

    @Option(names = "--password-env", paramLabel = "NAME",
            description = "Read the password from environment variable NAME (keeps it out of the process list).")
    String passwordEnv;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "Limit on every connect and every wait for a reply or for data, e.g. 500ms, 5s "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--tls-no-resume",
            description = "Open encrypted data connections with a fresh TLS session instead of resuming the control "
                    + "connection's, as Python ftplib and Apache Commons Net FTPSClient do: shows whether such "
                    + "clients will work.")
    boolean tlsNoResume;

    @Option(names = "--active-address", paramLabel = "ADDR",
            description = "The address to send in PORT/EPRT instead of this machine's address on the control "
                    + "connection, e.g. the public address of a NAT in front of it.")
    InetAddress activeAddress;

    @Option(names = "--cacert", paramLabel = "FILE",
            description = "PEM certificates to trust besides the JDK's trust store, for the header's verdict on the "
                    + "server's certificate.")
    Path cacert;

    @Override
    public Integer call() {
        ProbeTarget target;
        try {
            target = ProbeTarget.parse(url, implicit);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (timeout.toMillis() > Integer.MAX_VALUE) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout is too long: " + timeout);
        }
        target = withPassword(target);
        ProbeOptions options = new ProbeOptions(timeout, tlsNoResume, activeAddress, trusted());
        ProbeReport report = Probe.run(target, options);
        ProbeTable.print(report, spec.commandLine().getOut(), terminalWidth());
        return report.exitCode();
    }

    private ProbeTarget withPassword(ProbeTarget target) {
        if (target.password() != null) {
            return target;
        }
        if (passwordEnv != null) {
            String value = System.getenv(passwordEnv);
            if (value == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--password-env: environment variable " + passwordEnv + " is not set");
            }
            return target.withPassword(value);
        }
        if (target.anonymous()) {
            return target;
        }
        Console console = System.console();
        if (console == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no password for " + target.user()
                    + ": put it in the URL, name an environment variable with --password-env, or run on a terminal");
        }
        char[] typed = console.readPassword("Password for %s@%s: ", target.user(), target.host());
        return target.withPassword(typed == null ? "" : new String(typed));
    }

    private List<X509Certificate> trusted() {
        List<X509Certificate> certificates = new ArrayList<>();
        if (cacert == null) {
            return certificates;
        }
        try (InputStream in = Files.newInputStream(cacert)) {
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
        } catch (IOException | CertificateException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--cacert: cannot read certificates from " + cacert + ": " + e.getMessage());
        }
        if (certificates.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--cacert: no certificate in " + cacert);
        }
        return certificates;
    }

    /** {@code COLUMNS} as shells export it, else the table's default. */
    private static int terminalWidth() {
        String columns = System.getenv("COLUMNS");
        if (columns != null && columns.strip().matches("[0-9]{1,4}")) {
            return Integer.parseInt(columns.strip());
        }
        return ProbeTable.DEFAULT_WIDTH;
    }
}
