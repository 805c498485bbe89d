package io.wharf.server.probe;

import io.wharf.config.AddressScope;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * One diagnosis with its words: the likely cause in plain language, filled with the specifics of this run (addresses,
 * ports, the server's reply), and the fix. All the prose of the probe lives here, so the wording of every diagnosis
 * can be read and changed in one place.
 *
 * @param diagnosis the code
 * @param cause     what went wrong and why, in plain words
 * @param fix       what to change, on the server and on the client
 */
public record Finding(Diagnosis diagnosis, String cause, String fix) {

    private static final String PASV_ADDRESS_FIX = "Server: advertise the address clients connect to (Wharf "
            + "passive.advertised-address, vsftpd pasv_address, ProFTPD MasqueradeAddress, pure-ftpd -P). Client: "
            + "ignore the PASV address (curl does by default; lftp: set ftp:ignore-pasv-address yes) or use EPSV.";
    private static final String USE_PASSIVE = "Use passive mode (PASV or EPSV), which works through client-side "
            + "firewalls and NAT.";
    private static final String USE_TLS = "Use FTPS: probe ftps://..., and in clients AUTH TLS then PBSZ 0 and PROT P "
            + "(curl --ssl-reqd; lftp set ftp:ssl-force yes, set ftp:ssl-protect-data yes; FileZilla \"Require "
            + "explicit FTP over TLS\").";

    /**
     * The 227 reply named an address other than the control connection's.
     *
     * @param advertised    the address in the 227 reply
     * @param controlPeer   the control connection's server address
     * @param tried         whether the probe tried to connect to it (only when its scope could be reachable)
     * @param failure       why that attempt failed, or null if it was not tried
     * @param controlWorked whether the same port at the control address worked
     */
    static Finding pasvAddressUnreachable(InetAddress advertised, InetAddress controlPeer, boolean tried,
            String failure, boolean controlWorked) {
        AddressScope scope = AddressScope.of(advertised);
        String what = "The 227 reply names " + advertised.getHostAddress() + ", " + scope.description() + ", but the "
                + "control connection goes to " + controlPeer.getHostAddress() + " ("
                + AddressScope.of(controlPeer).description() + ")";
        String attempt = tried ? "; connecting to it failed (" + failure + ")."
                : ". It cannot be reached from here, so the probe did not try it.";
        String fallback = controlWorked
                ? " The same port at the control address " + controlPeer.getHostAddress() + " worked: clients that "
                        + "ignore the PASV address (curl, ftplib) work, clients that obey it fail."
                : " The same port at the control address failed too (see below).";
        return new Finding(Diagnosis.PASV_ADDRESS_UNREACHABLE, what + attempt + fallback, PASV_ADDRESS_FIX);
    }

    /**
     * Connecting to the passive port failed.
     *
     * @param refused whether the connection was refused (else it timed out or the network said no route)
     * @param failure what happened, in words, when not refused: "no answer within 5 s"
     */
    static Finding passivePortUnreachable(InetSocketAddress target, boolean refused, String failure) {
        int port = target.getPort();
        String how = refused
                ? "Connecting to port " + port + " at " + target.getAddress().getHostAddress() + " was refused "
                        + "(nothing accepted it, or a firewall rejected it)"
                : "Connecting to port " + port + " at " + target.getAddress().getHostAddress() + " failed: "
                        + failure;
        return new Finding(Diagnosis.PASSIVE_PORT_UNREACHABLE,
                how + ". The server's firewall does not open port " + port + " of its passive range, or its NAT "
                        + "does not forward it.",
                "Server: open and forward the whole passive port range, port " + port + " included, on every "
                        + "firewall and NAT in front of the server. Client: allow outgoing connections to it, or try "
                        + "active mode.");
    }

    /** PASV or EPSV was answered 425 or 421. */
    static Finding noPassivePort(DataMode mode, Reply reply) {
        return new Finding(Diagnosis.NO_PASSIVE_PORT,
                "The server answered " + mode + " with \"" + reply.oneLine() + "\": it could not open a passive "
                        + "port. Its pool is exhausted (too many transfers at once) or its ports are held by other "
                        + "processes.",
                "Server: widen the passive port range, or find what holds its ports (ss -ltnp); Wharf counts both "
                        + "in its metrics. Client: retry later, or use active mode.");
    }

    /**
     * The server accepted PORT/EPRT but its connection never arrived.
     *
     * @param reply the server's reply to the transfer command if it gave one (425), else null (the probe timed out)
     */
    static Finding activeNoConnection(DataMode mode, InetSocketAddress sent, Duration timeout, Reply reply) {
        String what = reply == null
                ? "The server accepted " + mode + " " + hostPort(sent) + " but did not connect back within "
                        + words(timeout)
                : "The server accepted " + mode + " " + hostPort(sent) + " but then replied \"" + reply.oneLine()
                        + "\": it could not connect back";
        return new Finding(Diagnosis.ACTIVE_NO_CONNECTION,
                what + ". A firewall or NAT in front of this client blocks incoming connections.",
                USE_PASSIVE + " For active mode, open and forward the client's ports, and name the NAT's public "
                        + "address (--active-address here).");
    }

    /**
     * PORT/EPRT refused.
     *
     * @param addressComplaint whether the reply objects to the address (the server sees the client elsewhere)
     */
    static Finding activeRefused(DataMode mode, Reply reply, boolean addressComplaint) {
        String what = "The server refused " + mode + ": \"" + reply.oneLine() + "\". ";
        String cause = addressComplaint
                ? what + "It connects back only to the address it sees the control connection come from, and "
                        + "that is not the address sent: this client is behind NAT (or the server disables active "
                        + "mode)."
                : what + "Active mode is disabled or not implemented on this server.";
        String fix = addressComplaint
                ? USE_PASSIVE + " Or send the NAT's public address (--active-address) and forward the port."
                : USE_PASSIVE + " Server: enable active mode if clients need it (Wharf active.enabled: true, "
                        + "vsftpd port_enable=YES).";
        return new Finding(Diagnosis.ACTIVE_REFUSED, cause, fix);
    }

    /** EPSV or EPRT not implemented. */
    static Finding extendedUnsupported(DataMode mode, Reply reply) {
        boolean passive = mode.isPassive();
        return new Finding(passive ? Diagnosis.EPSV_UNSUPPORTED : Diagnosis.EPRT_UNSUPPORTED,
                "The server does not implement " + mode + " (RFC 2428): \"" + reply.oneLine() + "\".",
                passive
                        ? "Use PASV (curl --disable-epsv; lftp set ftp:prefer-epsv no). Over IPv6 the server must "
                                + "implement EPSV."
                        : "Use PORT (curl --disable-eprt). Over IPv6 the server must implement EPRT.");
    }

    /** A plain-text login or transfer refused because the server requires TLS. */
    static Finding tlsRequired(String step, Reply reply) {
        return new Finding(Diagnosis.TLS_REQUIRED,
                "The server requires TLS and refused the plain-text " + step + ": \"" + reply.oneLine() + "\".",
                USE_TLS);
    }

    /**
     * An encrypted data connection refused for not resuming the control session.
     *
     * @param evidence the server's reply, or the handshake failure when there was no reply
     * @param noResume whether the probe deliberately did not resume ({@code --tls-no-resume})
     */
    static Finding tlsSessionReuseRequired(String evidence, boolean noResume) {
        String who = noResume
                ? " The probe did not resume on purpose (--tls-no-resume), as Python ftplib and Apache Commons Net "
                        + "FTPSClient do not: such clients fail here."
                : "";
        return new Finding(Diagnosis.TLS_SESSION_REUSE_REQUIRED,
                "The server requires the encrypted data connection to resume the control connection's TLS session, "
                        + "and refused this one: \"" + evidence + "\"." + who,
                "Client: use one that resumes the session (curl, lftp, FileZilla, WinSCP). Server: relax the rule "
                        + "for such clients (vsftpd require_ssl_reuse=NO, Wharf tls.session-reuse: allow).");
    }

    /** AUTH TLS refused on an ftps:// probe. */
    static Finding tlsNotOffered(Reply reply) {
        return new Finding(Diagnosis.TLS_NOT_OFFERED,
                "The server refused AUTH TLS: \"" + reply.oneLine() + "\". It does not offer explicit FTPS on this "
                        + "port.",
                "Probe ftp:// if plain FTP is acceptable, or --implicit if this port expects TLS from the first byte "
                        + "(usually 990). Server: configure TLS (Wharf: a tls: section on the listener).");
    }

    /** The data connection's TLS handshake failed, and the server said nothing about session reuse. */
    static Finding dataTlsFailed(String failure, Reply reply) {
        String said = reply == null ? "" : " The server replied \"" + reply.oneLine() + "\".";
        return new Finding(Diagnosis.DATA_TLS_FAILED,
                "The TLS handshake on the data connection failed: " + failure + "." + said,
                "Compare the TLS settings of the server's data connections with its control connection "
                        + "(protocols, ciphers); the server's log names the reason.");
    }

    /** PASV/PORT over an IPv6 control connection. */
    static Finding needsIpv4(DataMode mode) {
        return new Finding(Diagnosis.NEEDS_IPV4,
                mode + " carries IPv4 addresses only, and the control connection is IPv6.",
                "Use " + (mode.isPassive() ? "EPSV" : "EPRT") + " over IPv6, or connect to the server's IPv4 "
                        + "address.");
    }

    /** Anything else: quote what happened. */
    static Finding transferFailed(String what) {
        return new Finding(Diagnosis.TRANSFER_FAILED, what + ".",
                "Read the server's reply above; the server's log usually says more.");
    }

    /** {@code 300 ms}, {@code 5 s}: how a timeout reads in a sentence. */
    static String words(Duration duration) {
        long ms = duration.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    private static String hostPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
