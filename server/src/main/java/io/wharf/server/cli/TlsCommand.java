package io.wharf.server.cli;

import picocli.CommandLine.Command;

/**
 * {@code wharf tls}: certificate tools. Neither Runnable nor Callable, so picocli answers a bare {@code wharf tls}
 * with "Missing required subcommand" and exit code 2.
 */
@Command(name = "tls",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Certificate tools for FTPS.",
        subcommands = {TlsSelfSignedCommand.class})
public final class TlsCommand {
}
