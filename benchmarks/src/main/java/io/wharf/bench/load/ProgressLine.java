package io.wharf.bench.load;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The live status line of a run on stderr. On a terminal it is one line rewritten in place ({@code \r}); with
 * {@code --progress} and stderr redirected, each update is a line of its own. Off unless stderr is a terminal or
 * the user asked for it. The caller paces the updates (at most one per second).
 */
final class ProgressLine {

    private final PrintWriter err;
    private final boolean isEnabled;
    private final boolean isTerminal;
    private int shownLength;

    ProgressLine(PrintWriter err, boolean isEnabled, boolean isTerminal) {
        this.err = err;
        this.isEnabled = isEnabled;
        this.isTerminal = isTerminal;
    }

    /** On when {@code isForced} ({@code --progress}) or when this process's stderr is a terminal. */
    static ProgressLine create(PrintWriter err, boolean isForced) {
        boolean tty = isStderrTerminal();
        return new ProgressLine(err, isForced || tty, tty);
    }

    /** Replaces the line with {@code text}. */
    void show(String text) {
        if (!isEnabled) {
            return;
        }
        if (isTerminal) {
            // Pad over the tail of a longer previous line; no terminal escape codes, so any tty shows it right.
            err.print("\r" + text + " ".repeat(Math.max(0, shownLength - text.length())));
            shownLength = text.length();
        } else {
            err.println(text);
        }
        err.flush();
    }

    /** Ends the line, so what follows starts on a fresh one. */
    void end() {
        if (isTerminal && shownLength > 0) {
            err.println();
            err.flush();
            shownLength = 0;
        }
    }

    /**
     * Java 17 can only say whether stdin and stdout are both a console ({@code System.console()}); on Linux,
     * {@code /proc/self/fd/2} names the real device, so a run whose stdout goes to a file still shows progress.
     */
    static boolean isStderrTerminal() {
        try {
            String device = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return System.console() != null;                   // not Linux: the best Java 17 can tell
        }
    }
}
