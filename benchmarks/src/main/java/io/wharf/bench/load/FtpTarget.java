package io.wharf.bench.load;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * The server under test, from {@code ftp://user:pass@host:port}. User and password may be percent-encoded
 * ({@code %40} for {@code @}). The host is resolved once, here, so no session ever does DNS.
 *
 * @param user     login name
 * @param password password; never printed ({@link #toString} leaves it out)
 * @param address  resolved control address
 */
public record FtpTarget(String user, String password, InetSocketAddress address) {

    private static final int FTP_PORT = 21;

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
        return "ftp://" + user + "@" + address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    /** Parses a target URL. */
    public static FtpTarget parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getMessage(), e);
        }
        if (!"ftp".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("expected ftp://user:pass@host:port, got " + url);
        }
        String userInfo = uri.getUserInfo();                  // already percent-decoded
        if (userInfo == null || userInfo.isEmpty()) {
            throw new IllegalArgumentException("the URL needs a user: ftp://user:pass@host:port");
        }
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
        String password = colon < 0 ? "" : userInfo.substring(colon + 1);
        try {
            InetAddress host = InetAddress.getByName(uri.getHost());
            int port = uri.getPort() < 0 ? FTP_PORT : uri.getPort();
            return new FtpTarget(user, password, new InetSocketAddress(host, port));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host " + uri.getHost(), e);
        }
    }

    /** Lets picocli take a target as a parameter. */
    public static final class Converter implements CommandLine.ITypeConverter<FtpTarget> {
        @Override
        public FtpTarget convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
