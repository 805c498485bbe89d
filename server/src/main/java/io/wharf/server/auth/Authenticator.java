package io.wharf.server.auth;

import io.wharf.config.UserEntry;
import io.wharf.server.reactor.BlockingWorkers;
import io.wharf.server.reactor.LoopExecutor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Checks passwords off the event loops. Argon2id is slow on purpose, and preparing the home directory touches the
 * disk, so both run on a small bounded worker pool; the result goes back to the session's own loop through its task
 * queue. An unknown user costs the same hash as a known one with a wrong password, so timing does not tell which
 * names exist; only a repeat of a correct password is fast ({@link VerifiedLogins}).
 */
public final class Authenticator implements AutoCloseable {

    private final BlockingWorkers workers;
    private final String dummyHash;
    private final VerifiedLogins verified = new VerifiedLogins();
    private final AtomicLong fullChecks = new AtomicLong();
    private volatile UserDirectory users;

    /**
     * @param threads       worker threads
     * @param queueCapacity logins that may wait for a worker; beyond that a login is refused as overload
     */
    public Authenticator(UserDirectory users, int threads, int queueCapacity) {
        this.users = users;
        this.workers = new BlockingWorkers("wharf-auth", threads, queueCapacity);
        this.dummyHash = new Argon2idHasher(Argon2idHasher.Cost.DEFAULT)
                .hash("not a password".getBytes(StandardCharsets.UTF_8));
    }

    /** Replaces the user directory; logins already running finish against the old one. */
    public void users(UserDirectory directory) {
        this.users = directory;
    }

    /**
     * Any thread; never blocks. Checks {@code password} (which this method wipes when done) for {@code userName}
     * and runs {@code onResult} on {@code replyTo}.
     *
     * @return false when the worker queue is full: the caller refuses the login as overload
     */
    public boolean authenticate(String userName, byte[] password, LoopExecutor replyTo, Consumer<AuthResult> onResult) {
        boolean queued = workers.submit(() -> {
            try {
                return check(userName, password);
            } finally {
                Arrays.fill(password, (byte) 0);
            }
        }, replyTo, (result, failure) -> onResult.accept(
                failure == null ? result : AuthResult.failed(userName, "check failed: " + failure)));
        if (!queued) {
            Arrays.fill(password, (byte) 0);
        }
        return queued;
    }

    private AuthResult check(String userName, byte[] password) {
        UserDirectory directory = users;
        UserEntry user = directory.find(userName);
        if (user == null) {
            fullChecks.incrementAndGet();
            Argon2idHasher.verify(dummyHash, password);
            return AuthResult.failed(userName, "unknown user");
        }
        if (!verified.matches(userName, user.passwordHash(), password)) {
            fullChecks.incrementAndGet();
            if (!Argon2idHasher.verify(user.passwordHash(), password)) {
                return AuthResult.failed(userName, "wrong password");
            }
            verified.remember(userName, user.passwordHash(), password);
        }
        Path home = directory.homeOf(user);
        try {
            if (!Files.isDirectory(home)) {
                // Creating an existing directory costs an exception with a stack trace, on every login.
                Files.createDirectories(home);
            }
            return AuthResult.success(user, home.toRealPath());
        } catch (IOException e) {
            return AuthResult.failed(userName, "home directory " + home + " unusable: " + e.getMessage());
        }
    }

    /** Logins that paid a full Argon2id check (the rest were recognised repeat logins). */
    public long fullChecks() {
        return fullChecks.get();
    }

    @Override
    public void close() {
        workers.close();
    }
}
