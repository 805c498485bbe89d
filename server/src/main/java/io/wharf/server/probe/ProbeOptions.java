package io.wharf.server.probe;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * How to probe.
 *
 * @param timeout       the limit on every connect and every wait for a reply or for data
 * @param tlsNoResume   whether encrypted data connections start fresh TLS sessions instead of resuming the control
 *                      connection's, as Python ftplib and Apache Commons Net FTPSClient do
 * @param activeAddress the address to send in PORT/EPRT instead of the control connection's local address (a NAT's
 *                      public address), or null
 * @param extraTrust    certificates to trust besides the JDK's trust store
 */
public record ProbeOptions(Duration timeout, boolean tlsNoResume, InetAddress activeAddress,
        List<X509Certificate> extraTrust) {

    /** Checks and copies. */
    public ProbeOptions {
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("timeout out of range: " + timeout);
        }
        extraTrust = List.copyOf(extraTrust);
    }
}
