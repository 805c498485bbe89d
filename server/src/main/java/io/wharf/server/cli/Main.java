package io.wharf.server.cli;

import picocli.CommandLine;

/** The {@code wharf} executable. */
public final class Main {

    private Main() {
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        // One line per log record, operator-readable; set before the first logger is created.
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tL %4$s %5$s%6$s%n");
        }
        System.exit(commandLine().execute(args));
    }

    /** The configured picocli command line, for tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new WharfCommand());
    }
}
