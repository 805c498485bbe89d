package io.wharf.server.interop;

/**
 * How a client opens data connections: the two passive verbs, where the client connects to the server, and the two
 * active verbs, where the server connects back to the client (127.0.0.1 here). Each client test runs the modes that
 * client can be told to use and checks from its own transcript that it used that verb and no other, so a client
 * that silently falls back (lftp switches to passive when PORT fails, curl tries PASV after EPSV) fails the test.
 */
public enum DataMode {
    /** RFC 959 PASV. */
    PASV(false),
    /** RFC 2428 EPSV. */
    EPSV(false),
    /** RFC 959 PORT. */
    PORT(true),
    /** RFC 2428 EPRT. */
    EPRT(true);

    private final boolean active;

    DataMode(boolean active) {
        this.active = active;
    }

    /** True when the server connects to the client. */
    public boolean active() {
        return active;
    }

    /** The verb that sets up each data connection in this mode. */
    public String verb() {
        return name();
    }
}
