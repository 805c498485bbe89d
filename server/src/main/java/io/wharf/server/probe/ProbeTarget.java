package io.wharf.server.probe;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The server to probe, from {@code ftp://[user[:password]@]host[:port][/path]} or {@code ftps://...}.
 *
 * @param security how the control connection is secured
 * @param host     the host as written (a name, or an address literal without brackets)
 * @param port     the control port
 * @param user     the login name; {@code anonymous} when the URL names none
 * @param password the password from the URL, or null when it has none
 * @param path     the directory (or file) to list, or "" for the login directory
 */
public record ProbeTarget(Security security, String host, int port, String user, String password, String path) {

    /** The anonymous login name (RFC 1635). */
    public static final String ANONYMOUS = "anonymous";
    private static final int FTP_PORT = 21;
    private static final int IMPLICIT_PORT = 990;

    /** How the control connection is secured. */
    public enum Security {
        /** {@code ftp://}: plain FTP, with TLS rows too when the server offers AUTH TLS. */
        PLAIN,
        /** {@code ftps://}: AUTH TLS on the ordinary port (explicit FTPS, RFC 4217). */
        EXPLICIT,
        /** {@code ftps://} with {@code --implicit}: TLS from the first byte, conventionally on port 990. */
        IMPLICIT
    }

    /**
     * Parses a URL.
     *
     * @param implicit whether {@code --implicit} was given (requires {@code ftps://})
     * @throws IllegalArgumentException with a message for the user when the URL is not usable
     */
    public static ProbeTarget parse(String url, boolean implicit) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        Security security = switch (scheme) {
            case "ftp" -> Security.PLAIN;
            case "ftps" -> implicit ? Security.IMPLICIT : Security.EXPLICIT;
            default -> throw new IllegalArgumentException("the URL must start with ftp:// or ftps://, not " + url);
        };
        if (implicit && security != Security.IMPLICIT) {
            throw new IllegalArgumentException("--implicit needs an ftps:// URL");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("the URL names no host (or the host is not valid): " + url);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("the URL may not have a ?query or #fragment: " + url);
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : security == Security.IMPLICIT ? IMPLICIT_PORT : FTP_PORT;
        String user = ANONYMOUS;
        String password = null;
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        String path = uri.getPath() == null || uri.getPath().length() <= 1 ? "" : uri.getPath().substring(1);
        return new ProbeTarget(security, host, port, user, password, path);
    }

    /** Percent-decoding of one user-info part; '+' stays '+' there (it means space only in forms). */
    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Whether the login is anonymous. */
    public boolean anonymous() {
        return user.equals(ANONYMOUS) || user.equals("ftp");
    }

    /** The same target with {@code password}. */
    public ProbeTarget withPassword(String newPassword) {
        return new ProbeTarget(security, host, port, user, newPassword, path);
    }

    /** The URL without the password, for the report. */
    public String display() {
        String scheme = security == Security.PLAIN ? "ftp" : "ftps";
        String shownHost = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return scheme + "://" + user + "@" + shownHost + ":" + port + "/" + path
                + (security == Security.IMPLICIT ? " (implicit TLS)" : "");
    }
}
