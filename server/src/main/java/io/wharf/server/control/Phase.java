package io.wharf.server.control;

/** Where a session is in its life, for deciding which verbs may run. */
public enum Phase {
    /** Connected, not yet authenticated. */
    BEFORE_LOGIN,
    /** Authenticated and idle: any command may run. */
    LOGGED_IN,
    /** A data transfer is running: only verbs that act on it (ABOR, STAT, QUIT) run now; others wait for its end. */
    DURING_TRANSFER
}
