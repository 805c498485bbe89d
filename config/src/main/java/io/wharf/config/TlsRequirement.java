package io.wharf.config;

/**
 * Which connections of a listener must be encrypted (RFC 4217 policy), written in lower case in YAML:
 * {@code none | control | data | both}.
 *
 * <p>On an explicit-TLS listener a client encrypts the control connection with {@code AUTH TLS} and each data
 * connection with {@code PBSZ 0} and {@code PROT P}. A required connection is refused until the client has done so:
 * {@code USER} before {@code AUTH TLS}, and transfer commands under {@code PROT C}, get a 5xx reply.
 *
 * <p>On an implicit-TLS listener the control connection is always encrypted, so {@link #CONTROL} is implied:
 * {@link #NONE} behaves as {@code CONTROL} and {@link #DATA} as {@link #BOTH}.
 */
public enum TlsRequirement {

    /** Nothing must be encrypted: clients may use plain FTP, TLS, or TLS for the control connection only. */
    NONE,

    /** The control connection, and so the password, must be encrypted; data connections may stay plain. */
    CONTROL,

    /** Data connections must be encrypted ({@code PROT P}); the control connection may stay plain. */
    DATA,

    /** Both the control connection and every data connection must be encrypted. */
    BOTH
}
