package io.wharf.server.cli;

import java.util.Locale;
import java.util.regex.Pattern;
import org.bouncycastle.util.IPAddress;

/**
 * Checks the names given to {@code wharf tls selfsigned --host} before they go into a certificate: a client compares
 * the name it connected to with these, so a typo here only shows up later as a handshake failure on every client.
 */
final class CertificateHosts {

    /** RFC 1123 2.1 label: letters, digits and hyphens, not starting or ending with a hyphen. */
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final int MAX_NAME_LENGTH = 253;

    private CertificateHosts() {
    }

    /**
     * @param host a DNS name ({@code ftp.example.com}, {@code *.example.com}), an IPv4 literal, or an IPv6 literal
     *             with or without brackets ({@code [::1]}, {@code ::1})
     * @return null when {@code host} can go into a certificate, else what is wrong with it, for the operator
     */
    static String problem(String host) {
        String bare = host.strip();
        boolean bracketed = bare.startsWith("[") && bare.endsWith("]");
        if (bracketed) {
            bare = bare.substring(1, bare.length() - 1);
            return IPAddress.isValidIPv6(bare) ? null : "\"" + host + "\" is not an IPv6 address";
        }
        if (bare.isEmpty()) {
            return "a host name is empty";
        }
        if (IPAddress.isValid(bare)) {
            return null;
        }
        if (bare.indexOf(':') >= 0) {
            return "\"" + host + "\" is not an IPv6 address (a zone such as %eth0 cannot be in a certificate)";
        }
        return dnsProblem(host, bare.toLowerCase(Locale.ROOT));
    }

    private static String dnsProblem(String host, String name) {
        String quoted = "\"" + host + "\"";
        if (name.length() > MAX_NAME_LENGTH) {
            return quoted + " is longer than 253 characters";
        }
        String[] labels = name.split("\\.", -1);
        for (int i = 0; i < labels.length; i++) {
            // A wildcard is a whole left-most label only (RFC 6125 6.4.3); clients ignore any other form.
            if (i == 0 && labels[0].equals("*") && labels.length > 2) {
                continue;
            }
            if (!LABEL.matcher(labels[i]).matches()) {
                return quoted + " is not a DNS name or an IP address (use letters, digits, hyphens and dots; "
                        + "a wildcard only as *.domain.tld)";
            }
        }
        // An all-numeric last label means a mistyped IPv4 address such as 10.0.0.256, never a real name.
        if (DIGITS.matcher(labels[labels.length - 1]).matches()) {
            return quoted + " is not a valid IPv4 address";
        }
        return null;
    }
}
