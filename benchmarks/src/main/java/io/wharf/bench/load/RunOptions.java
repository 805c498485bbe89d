package io.wharf.bench.load;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What every {@code wharf-bench} subcommand takes: the target and its TLS options, and where to write a JSON result.
 * A picocli mixin; the command reads the target through {@link #target()}.
 */
public final class RunOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Parameters(index = "0", paramLabel = "URL",
            description = {"Server and login: ftp://user:pass@host:port, or ftps://user:pass@host:port for FTPS "
                + "(AUTH TLS, then PBSZ 0 and PROT P: every data connection is TLS too). Percent-encode @ and : in "
                + "the password.",
                "FTPS accepts any server certificate (a benchmark tool, meant for loopback); the report prints its "
                    + "SHA-256 fingerprint to check."})
    String url;

    @Option(names = "--implicit",
            description = "Implicit FTPS: TLS from the first byte of the control connection instead of AUTH TLS "
                    + "(ftps:// only; the port defaults to 990).")
    boolean isImplicit;

    @Option(names = "--tls", paramLabel = "VERSION",
            description = "TLS version for ftps://, 1.2 or 1.3 (default: 1.2). 1.2 because servers that require a "
                    + "data connection to resume the control connection's TLS session (Wharf, vsftpd "
                    + "require_ssl_reuse) can then accept every data connection of a login: a Java TLS 1.3 client "
                    + "uses each session ticket once, and Wharf issues none on data connections, so with 1.3 "
                    + "only the first data connection per login resumes there.")
    String tlsVersion;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the result as JSON to FILE.")
    Path json;

    private FtpTarget target;

    /**
     * The target, parsed once (the host is resolved here). A URL or option that does not fit is a usage error:
     * picocli prints it with the usage and exits with code 2.
     */
    FtpTarget target() {
        if (target == null) {
            try {
                target = FtpTarget.parse(url, isImplicit, tlsVersion);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(command.commandLine(), e.getMessage());
            }
        }
        return target;
    }
}
