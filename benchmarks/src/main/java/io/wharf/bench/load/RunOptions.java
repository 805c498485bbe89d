package io.wharf.bench.load;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What every {@code wharf-bench} subcommand takes: the target, and where to write a JSON result. */
public final class RunOptions {

    @Parameters(index = "0", paramLabel = "URL", converter = FtpTarget.Converter.class,
            description = "Server and login, ftp://user:pass@host:port (percent-encode @ and : in the password).")
    FtpTarget target;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the result as JSON to FILE.")
    Path json;
}
