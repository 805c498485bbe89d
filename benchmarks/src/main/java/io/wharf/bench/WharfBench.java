package io.wharf.bench;

import io.wharf.bench.load.CompareChartCommand;
import io.wharf.bench.load.DownloadCommand;
import io.wharf.bench.load.IdleCommand;
import io.wharf.bench.load.LoginsCommand;
import io.wharf.bench.load.MixedCommand;
import io.wharf.bench.load.SmallFilesCommand;
import io.wharf.bench.load.UploadCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code wharf-bench}, the load generator: drives any FTP or FTPS server over plain java.nio sockets and reports
 * HdrHistogram percentiles. Subcommands: {@link IdleCommand idle} (many idle sessions, NOOP latency, server memory),
 * {@link DownloadCommand download} and {@link UploadCommand upload} (parallel RETR and STOR throughput),
 * {@link SmallFilesCommand small-files} (files per second and transfer latency), {@link LoginsCommand logins}
 * (sessions per second and login latency) and {@link MixedCommand mixed} (a partner exchange: listings, small and
 * large downloads and uploads and fresh logins picked by weight, with rates and latency per kind).
 *
 * <p>Every subcommand takes {@code ftp://} or, for explicit FTPS ({@code AUTH TLS}, then {@code PBSZ 0} and
 * {@code PROT P}), {@code ftps://}; {@code --implicit} makes it implicit FTPS and {@code --tls 1.2|1.3} picks the
 * protocol (1.2 by default, so every data connection of a login can resume its session).
 *
 * <pre>
 *   benchmarks/wharf-bench idle ftp://demo:PASSWORD@127.0.0.1:2121 --sessions 10000 --pid 4242
 *   benchmarks/wharf-bench download ftp://demo:PASSWORD@127.0.0.1:2121 --file big.bin --create 1g --sessions 4
 *   benchmarks/wharf-bench upload ftp://demo:PASSWORD@127.0.0.1:2121 --size 1g --sessions 4
 *   benchmarks/wharf-bench small-files ftp://demo:PASSWORD@127.0.0.1:2121 --sessions 64 --duration 30s
 *   benchmarks/wharf-bench logins ftp://demo:PASSWORD@127.0.0.1:2121 --workers 16 --duration 30s
 *   benchmarks/wharf-bench mixed ftp://demo:PASSWORD@127.0.0.1:2121 --sessions 32 --duration 60s
 *   benchmarks/wharf-bench small-files ftps://demo:PASSWORD@127.0.0.1:2121 --sessions 64 --duration 30s
 *   benchmarks/wharf-bench download ftps://demo:PASSWORD@127.0.0.1:2990 --implicit --file big.bin --sessions 4
 *   benchmarks/wharf-bench logins ftps://demo:PASSWORD@127.0.0.1:2121 --tls 1.3 --workers 16 --duration 30s
 * </pre>
 */
@Command(name = "wharf-bench", mixinStandardHelpOptions = true,
        version = "wharf-bench 0.1.0",
        description = "Load generator for FTP and FTPS servers (Wharf or any other).",
        subcommands = {IdleCommand.class, DownloadCommand.class, UploadCommand.class, SmallFilesCommand.class,
            LoginsCommand.class, MixedCommand.class, CompareChartCommand.class,
            CommandLine.HelpCommand.class})
public final class WharfBench implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Without a subcommand: usage, and the usage-error exit code. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing subcommand: idle, download, upload, small-files, logins or mixed");
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new WharfBench()).execute(args));
    }
}
