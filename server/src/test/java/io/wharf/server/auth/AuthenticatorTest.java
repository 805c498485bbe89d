package io.wharf.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.config.UserEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class AuthenticatorTest {

    private static final Argon2idHasher CHEAP = new Argon2idHasher(new Argon2idHasher.Cost(64, 1, 1));

    @TempDir
    Path root;
    private Authenticator authenticator;

    @AfterEach
    void close() {
        authenticator.close();
    }

    @Test
    void repeatLoginsSkipTheFullHashUntilThePasswordChanges() throws Exception {
        authenticator = new Authenticator(directory("pw-one"), 1, 16);

        assertTrue(login("alice", "pw-one").isSuccess());
        assertEquals(1, authenticator.fullChecks());
        assertTrue(login("alice", "pw-one").isSuccess());
        assertEquals(1, authenticator.fullChecks(), "a repeat of a verified password must not pay Argon2id again");

        assertFalse(login("alice", "wrong").isSuccess());
        assertEquals(2, authenticator.fullChecks(), "a wrong password always pays the full hash");
        assertFalse(login("ghost", "pw-one").isSuccess());
        assertEquals(3, authenticator.fullChecks(), "an unknown user pays it too, so timing hides who exists");

        authenticator.users(directory("pw-two"));            // password changed in the users file
        assertFalse(login("alice", "pw-one").isSuccess(), "the old password must stop working at once");
        assertTrue(login("alice", "pw-two").isSuccess());
    }

    @Test
    void successGivesTheCanonicalHomeAndCreatesIt() throws Exception {
        authenticator = new Authenticator(directory("pw"), 1, 16);
        AuthResult result = login("alice", "pw");
        assertTrue(result.isSuccess());
        assertEquals(root.resolve("alice").toRealPath(), result.home());
    }

    private UserDirectory directory(String password) {
        String hash = CHEAP.hash(password.getBytes(StandardCharsets.UTF_8));
        return new UserDirectory(List.of(new UserEntry("alice", hash, "alice")), root);
    }

    private AuthResult login(String user, String password) throws Exception {
        CompletableFuture<AuthResult> result = new CompletableFuture<>();
        assertTrue(authenticator.authenticate(user, password.getBytes(StandardCharsets.UTF_8),
                task -> {
                    task.run();
                    return true;
                }, result::complete));
        return result.get(10, TimeUnit.SECONDS);
    }
}
