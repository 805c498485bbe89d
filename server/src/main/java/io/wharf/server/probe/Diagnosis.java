package io.wharf.server.probe;

/**
 * What is wrong with a data mode, as a code that tests and scripts can rely on; {@link Finding} carries the words.
 */
public enum Diagnosis {

    /** The 227 reply names an address this client cannot reach: private, reserved, or simply wrong. */
    PASV_ADDRESS_UNREACHABLE,
    /** Connecting to the passive port was refused or timed out: the server's firewall or NAT does not pass it. */
    PASSIVE_PORT_UNREACHABLE,
    /** PASV or EPSV itself failed (425/421): the server has no free passive port. */
    NO_PASSIVE_PORT,
    /** The server never connected back for PORT/EPRT: a firewall or NAT in front of the client. */
    ACTIVE_NO_CONNECTION,
    /** PORT/EPRT refused: active mode disabled, or the server sees the client at another address (NAT). */
    ACTIVE_REFUSED,
    /** EPSV not implemented. */
    EPSV_UNSUPPORTED,
    /** EPRT not implemented. */
    EPRT_UNSUPPORTED,
    /** The server refuses a plain-text login or plain-text data connection: it requires TLS. */
    TLS_REQUIRED,
    /** The server refused an encrypted data connection that did not resume the control connection's TLS session. */
    TLS_SESSION_REUSE_REQUIRED,
    /** AUTH TLS refused, so explicit FTPS is not available. */
    TLS_NOT_OFFERED,
    /** The TLS handshake on the data connection failed for another reason. */
    DATA_TLS_FAILED,
    /** PASV and PORT need IPv4 and the control connection is IPv6 (the row is skipped). */
    NEEDS_IPV4,
    /** Anything else; the finding quotes the server's reply. */
    TRANSFER_FAILED
}
