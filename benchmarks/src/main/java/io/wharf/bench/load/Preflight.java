package io.wharf.bench.load;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One login before a run starts its sessions, so a wrong password, a server that is not there or one that never
 * answers ends the run with one clear line instead of a failure (or a hang) per session.
 */
final class Preflight {

    /** Exit code of a run that could not start: unreachable server, refused login, a file it could not create. */
    static final int CANNOT_RUN = 3;
    /** A server that has not logged us in by then is not going to carry a benchmark. */
    private static final long TIMEOUT_S = 30;

    private Preflight() {
    }

    /**
     * Logs in and out once, giving up after {@link #TIMEOUT_S}; on failure prints
     * {@code wharf-bench: cannot log in to URL: reason} and returns false.
     */
    static boolean canLogIn(FtpTarget target, PrintWriter err) {
        FtpControl control = new FtpControl();
        AtomicBoolean isTimedOut = new AtomicBoolean();
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wharf-bench-preflight");
            t.setDaemon(true);
            return t;
        });
        watchdog.schedule(() -> {
            isTimedOut.set(true);
            control.abort();                        // the blocked read or connect fails at once
        }, TIMEOUT_S, TimeUnit.SECONDS);
        try {
            control.connect(target);
            control.login(target);
            control.quit();
            return true;
        } catch (IOException | IllegalArgumentException e) {
            String reason = isTimedOut.get() ? "no login within " + TIMEOUT_S + " s (" + e + ")" : reason(e);
            err.println("wharf-bench: cannot log in to " + target + ": " + reason);
            err.flush();
            return false;
        } finally {
            watchdog.shutdownNow();
            control.close();
        }
    }

    /** One line for a failure: the reply for a refusal, the exception otherwise. */
    static String reason(Exception e) {
        return e instanceof FtpException ? e.getMessage() : e.toString();
    }
}
