package io.wharf.server.probe;

/** The four ways to open an FTP data connection. */
public enum DataMode {

    /** RFC 959 passive: the server names an IPv4 address and port, the client connects. */
    PASV(true, false),
    /** RFC 2428 extended passive: the server names only a port on the control connection's address. */
    EPSV(true, true),
    /** RFC 959 active: the client names an IPv4 address and port, the server connects back. */
    PORT(false, false),
    /** RFC 2428 extended active: as PORT, for IPv4 or IPv6. */
    EPRT(false, true);

    private final boolean passive;
    private final boolean extended;

    DataMode(boolean passive, boolean extended) {
        this.passive = passive;
        this.extended = extended;
    }

    /** PASV or EPSV: the client connects to the server. */
    public boolean isPassive() {
        return passive;
    }

    /** EPSV or EPRT: RFC 2428, works over IPv6; PASV and PORT carry IPv4 addresses only. */
    public boolean isExtended() {
        return extended;
    }
}
