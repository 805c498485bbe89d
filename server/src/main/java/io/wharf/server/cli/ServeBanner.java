package io.wharf.server.cli;

import io.wharf.server.EmbeddedDefault;
import io.wharf.server.WharfServer;
import io.wharf.server.tls.ListenerTls;
import io.wharf.tls.KeyMaterial;
import java.io.PrintWriter;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What {@code wharf serve} prints once every listener is bound: where it listens, which certificate it serves, and,
 * for the embedded default, the user and client command lines that work against it as printed.
 */
final class ServeBanner {

    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

    private ServeBanner() {
    }

    /**
     * @param embedded what the embedded default prepared, or null when serving a configuration file
     */
    static void print(PrintWriter out, WharfServer server, EmbeddedDefault.Prepared embedded) {
        for (WharfServer.BoundListener listener : server.listeners()) {
            out.printf("Wharf listening on %s (%slistener %s, passive ports: %d)%n", url(listener),
                    tlsNote(listener.tls()), listener.name(), listener.pool().capacity());
        }
        printCertificates(out, server.listeners());
        out.println("Serving " + server.config().rootDirectory());
        if (embedded != null) {
            printEmbedded(out, server, embedded);
        }
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }

    private static String url(WharfServer.BoundListener listener) {
        ListenerTls tls = listener.tls();
        String scheme = tls != null && tls.implicit() ? "ftps" : "ftp";
        return scheme + "://" + host(listener.address()) + ":" + listener.address().getPort();
    }

    private static String tlsNote(ListenerTls tls) {
        if (tls == null) {
            return "";
        }
        String data = tls.requiresData() ? ", PROT P required" : "";
        if (tls.implicit()) {
            return "implicit TLS" + data + "; ";
        }
        return (tls.requiresControl() ? "AUTH TLS required" : "AUTH TLS available") + data + "; ";
    }

    /** Each certificate once, however many listeners serve it: the fingerprint is what a client can pin. */
    private static void printCertificates(PrintWriter out, List<WharfServer.BoundListener> listeners) {
        Map<String, List<String>> served = new LinkedHashMap<>();
        Map<String, KeyMaterial> materials = new LinkedHashMap<>();
        for (WharfServer.BoundListener listener : listeners) {
            if (listener.tls() != null) {
                KeyMaterial material = listener.tls().material();
                String fingerprint = material.sha256Fingerprint();
                materials.putIfAbsent(fingerprint, material);
                served.computeIfAbsent(fingerprint, f -> new ArrayList<>()).add(listener.name());
            }
        }
        for (Map.Entry<String, List<String>> entry : served.entrySet()) {
            KeyMaterial material = materials.get(entry.getKey());
            out.printf("TLS certificate SHA-256 %s%n  (%s, valid until %s; listeners %s)%n", entry.getKey(),
                    material.certificate().getSubjectX500Principal().getName(),
                    material.certificate().getNotAfter().toInstant(), String.join(", ", entry.getValue()));
        }
    }

    private static void printEmbedded(PrintWriter out, WharfServer server, EmbeddedDefault.Prepared embedded) {
        EmbeddedDefault.Certificate certificate = embedded.certificate();
        if (certificate.replaced() != null) {
            out.println("Replaced the certificate, which could not be used: " + certificate.replaced());
        }
        if (certificate.created()) {
            out.println("Generated a self-signed certificate for "
                    + String.join(", ", EmbeddedDefault.CERTIFICATE_HOSTS) + ": " + certificate.file());
        }
        String user = EmbeddedDefault.USER;
        if (embedded.newPassword() != null) {
            out.println("Created user '" + user + "' with password: " + embedded.newPassword());
            out.println("  (shown only now; stored as an Argon2id hash in " + server.config().usersFile() + ")");
        } else {
            out.println("User '" + user + "' from " + server.config().usersFile()
                    + " (password shown at first start; delete that file to generate a new one)");
        }
        String login = user + ":" + (embedded.newPassword() != null ? embedded.newPassword() : "PASSWORD");
        printClients(out, server, certificate.file().toString(), login);
    }

    /** Command lines that were each run against the embedded default; README.md shows the same ones. */
    private static void printClients(PrintWriter out, WharfServer server, String certificateFile, String login) {
        WharfServer.BoundListener ftp = server.listener();
        String ftpUrl = "ftp://" + host(ftp.address()) + ":" + ftp.address().getPort() + "/";
        String ftpsUrl = null;
        for (WharfServer.BoundListener listener : server.listeners()) {
            if (listener.name().equals(EmbeddedDefault.FTPS_LISTENER)) {
                ftpsUrl = url(listener) + "/";
            }
        }
        String lftpLogin = "-u " + login.replace(':', ',') + " -p " + ftp.address().getPort() + " "
                + host(ftp.address());
        // lftp tries AUTH TLS whenever FEAT offers it and then insists on a trusted certificate, so even its
        // plain-FTP line must say so; ssl-force and ssl-protect-data make it fail rather than fall back to plain.
        String lftpTls = "set ftp:ssl-force yes; set ftp:ssl-protect-data yes";
        out.println("Connect with plain FTP:");
        out.printf("  curl --user %s %s%n", login, ftpUrl);
        out.printf("  lftp -e 'set ftp:ssl-allow no' %s%n", lftpLogin);
        out.println("Connect with FTPS (-k and ssl:verify-certificate no only because the certificate is "
                + "self-signed):");
        out.printf("  curl --ssl-reqd -k --user %s %s%n", login, ftpUrl);
        if (ftpsUrl != null) {
            out.printf("  curl -k --user %s %s%n", login, ftpsUrl);
        }
        out.printf("  lftp -e 'set ssl:verify-certificate no; %s' %s%n", lftpTls, lftpLogin);
        out.println("To check the certificate instead, trust its file (it names "
                + String.join(", ", EmbeddedDefault.CERTIFICATE_HOSTS) + "):");
        String file = certificateFile;
        boolean plainWord = SHELL_SAFE.matcher(file).matches();
        // Shell-quote a path with spaces for curl; inside lftp's single-quoted -e, lftp's own double quotes.
        out.printf("  curl --ssl-reqd --cacert %s --user %s %s%n",
                plainWord ? file : "'" + file.replace("'", "'\\''") + "'", login, ftpUrl);
        out.printf("  lftp -e 'set ssl:ca-file %s; %s' %s%n", plainWord ? file : '"' + file + '"', lftpTls,
                lftpLogin);
    }

    /** The address as a URL needs it: IPv6 literals in brackets. */
    private static String host(InetSocketAddress address) {
        String literal = address.getAddress().getHostAddress();
        return address.getAddress() instanceof Inet6Address ? "[" + literal + "]" : literal;
    }
}
