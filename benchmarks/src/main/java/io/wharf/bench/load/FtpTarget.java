package io.wharf.bench.load;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * The server under test, from {@code ftp://user:pass@host:port} or {@code ftps://user:pass@host:port}. User and
 * password may be percent-encoded ({@code %40} for {@code @}). The host is resolved once, here, so no session ever
 * does DNS.
 *
 * @param user     login name
 * @param password password; never printed ({@link #toString} leaves it out)
 * @param address  resolved control address
 * @param tls      FTPS settings for {@code ftps://}, null for plain FTP
 */
public record FtpTarget(String user, String password, InetSocketAddress address, ClientTls tls) {

    private static final int FTP_PORT = 21;
    /** The IANA port of implicit FTPS, "ftps" (RFC 4217 does not define implicit FTPS; the port stayed). */
    private static final int IMPLICIT_FTPS_PORT = 990;
    private static final String USAGE = "expected ftp://user:pass@host:port or ftps://user:pass@host:port";

    /** The login lines, pre-encoded once: sessions write them as they are. */
    byte[] userLine() {
        return ("USER " + user + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    byte[] passLine() {
        return ("PASS " + password + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** True when the server is on this machine's IPv4 loopback network, 127.0.0.0/8. */
    boolean isIpv4Loopback() {
        byte[] ip = address.getAddress().getAddress();
        return ip.length == 4 && ip[0] == 127;
    }

    /** The URL without the password, for reports. */
    @Override
    public String toString() {
        return (tls == null ? "ftp://" : "ftps://") + user + "@" + address.getAddress().getHostAddress() + ":"
                + address.getPort();
    }

    /** For a report's header line after the URL: "" for plain FTP, else the TLS handshake and certificate seen. */
    String tlsNote() {
        return tls == null ? "" : "  [" + tls.describe() + "]";
    }

    /** Writes the {@code "tls"} member of a JSON report: null for plain FTP. */
    void tlsJson(JsonWriter json) {
        json.name("tls");
        if (tls == null) {
            json.value((String) null);
        } else {
            tls.json(json);
        }
    }

    /** Parses a target URL, with {@code ftps://} meaning explicit FTPS over TLS 1.2. */
    public static FtpTarget parse(String url) {
        return parse(url, false, null);
    }

    /**
     * Parses a target URL.
     *
     * @param isImplicit implicit FTPS, TLS from the first byte (default port 990); {@code ftps://} only
     * @param tlsVersion {@code 1.2} or {@code 1.3}, or null for 1.2; {@code ftps://} only
     * @throws IllegalArgumentException with a message for the user when the URL or the options are wrong
     */
    public static FtpTarget parse(String url, boolean isImplicit, String tlsVersion) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getMessage(), e);
        }
        boolean isTls = "ftps".equalsIgnoreCase(uri.getScheme());
        if ((!isTls && !"ftp".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException(USAGE + ", got " + url);
        }
        if (!isTls && (isImplicit || tlsVersion != null)) {
            throw new IllegalArgumentException((isImplicit ? "--implicit" : "--tls")
                    + " needs an ftps:// URL: ftp:// is plain FTP");
        }
        String userInfo = uri.getUserInfo();                  // already percent-decoded
        if (userInfo == null || userInfo.isEmpty()) {
            throw new IllegalArgumentException("the URL needs a user: " + uri.getScheme() + "://user:pass@host:port");
        }
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
        String password = colon < 0 ? "" : userInfo.substring(colon + 1);
        ClientTls tls = isTls ? new ClientTls(isImplicit, protocol(tlsVersion)) : null;
        try {
            InetAddress host = InetAddress.getByName(uri.getHost());
            int port = uri.getPort() >= 0 ? uri.getPort() : isImplicit ? IMPLICIT_FTPS_PORT : FTP_PORT;
            return new FtpTarget(user, password, new InetSocketAddress(host, port), tls);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host " + uri.getHost(), e);
        }
    }

    /**
     * This target over explicit FTPS and TLS 1.2, for a plain-FTP run that encrypts a share of its sessions
     * ({@code mixed --tls-share}).
     */
    FtpTarget withExplicitTls() {
        return new FtpTarget(user, password, address, new ClientTls(false, protocol(null)));
    }

    /** {@code --tls 1.2} is JSSE's {@code TLSv1.2}. */
    private static String protocol(String version) {
        if (version == null || "1.2".equals(version)) {
            return "TLSv1.2";
        }
        if ("1.3".equals(version)) {
            return "TLSv1.3";
        }
        throw new IllegalArgumentException("--tls must be 1.2 or 1.3, not " + version);
    }
}
