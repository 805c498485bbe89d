package io.wharf.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code wharf}: the top-level command; the work happens in its subcommands. */
@Command(name = "wharf",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Wharf: a high-throughput FTP/FTPS managed file-transfer gateway.",
        subcommands = {ServeCommand.class, ProbeCommand.class, TlsCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:the server could not start or failed; a command could not do its job",
            "2:invalid command-line usage",
            "3:invalid configuration file"})
public final class WharfCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
