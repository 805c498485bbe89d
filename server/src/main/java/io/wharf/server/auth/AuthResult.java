package io.wharf.server.auth;

import io.wharf.config.UserEntry;
import java.nio.file.Path;

/**
 * The outcome of a login attempt, as a value.
 *
 * @param userName the name the client gave
 * @param home     the user's canonical home directory on success, null on failure
 * @param failure  why it failed, for the operator's log (never sent to the client), null on success
 * @param user     the user's entry on success (its TLS policy and client certificate), null on failure
 */
public record AuthResult(String userName, Path home, String failure, UserEntry user) {

    /** True when the user may log in. */
    public boolean isSuccess() {
        return failure == null;
    }

    static AuthResult success(UserEntry user, Path home) {
        return new AuthResult(user.name(), home, null, user);
    }

    static AuthResult failed(String userName, String why) {
        return new AuthResult(userName, null, why, null);
    }
}
