package io.wharf.server.cli;

import java.util.logging.Handler;
import java.util.logging.Logger;
import picocli.CommandLine;

/** The {@code wharf} executable. */
public final class Main {

    private Main() {
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        useLogLineFormatter();
        System.exit(commandLine().execute(args));
    }

    /**
     * One line per log record, operator-readable and cheap ({@link LogLineFormatter}), unless the operator configured
     * java.util.logging themselves (a config file or a SimpleFormatter format), which then wins.
     */
    private static void useLogLineFormatter() {
        if (System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null
                || System.getProperty("java.util.logging.SimpleFormatter.format") != null) {
            return;
        }
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            handler.setFormatter(new LogLineFormatter());
        }
    }

    /** The configured picocli command line, for tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new WharfCommand());
    }
}
