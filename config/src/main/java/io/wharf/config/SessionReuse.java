package io.wharf.config;

/**
 * Whether a {@code PROT P} data connection must resume its control connection's TLS session, written in lower case
 * in YAML: {@code off | allow | enforce}.
 *
 * <p>A passive data port is open to whoever connects first. Requiring the data connection's TLS session to be the
 * control connection's proves that it comes from the same client, and not from a third party that raced the client
 * to the port to steal an upload or a download. Most clients (FileZilla, lftp, curl) resume the session; a few old
 * ones cannot, and need {@link #ALLOW} or {@link #OFF}.
 */
public enum SessionReuse {

    /** No session is resumed: every data connection makes a full TLS handshake, and none is checked. */
    OFF,

    /** Resumption is offered but not required; a data connection with a new session is accepted. */
    ALLOW,

    /** A data connection that does not resume its control connection's TLS session is closed (the default). */
    ENFORCE
}
