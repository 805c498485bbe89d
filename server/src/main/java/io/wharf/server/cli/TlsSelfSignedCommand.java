package io.wharf.server.cli;

import io.wharf.tls.KeyMaterial;
import io.wharf.tls.SelfSignedCertificate;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wharf tls selfsigned}: writes a self-signed certificate and its key as PEM files, for tests and for servers
 * whose clients are told to trust that one certificate. Exit codes: 0 written, 1 refused (a file exists and
 * {@code --force} was not given) or not written, 2 bad command line.
 */
@Command(name = "selfsigned",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Writes a self-signed certificate (EC P-256) and its private key as PEM files, and prints the YAML "
                + "to add to a listener's tls section.",
            "Clients do not trust a self-signed certificate unless told to: curl --cacert FILE, or -k to skip "
                + "the check. For a server on the internet, use a certificate from a CA such as Let's Encrypt."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:files written",
            "1:a file exists and --force was not given, or a file could not be written",
            "2:invalid command-line usage"})
public final class TlsSelfSignedCommand implements Callable<Integer> {

    /** Exit code when nothing was written. */
    static final int NOT_WRITTEN = 1;
    private static final int MAX_DAYS = 36_500;
    /** GeneralName tags (RFC 5280 4.2.1.6), as {@link X509Certificate#getSubjectAlternativeNames()} reports them. */
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--host", paramLabel = "NAME", required = true, split = ",",
            description = "A DNS name or IP address clients use to reach the server; repeat or separate with commas "
                    + "for several (ftp.example.com, 192.0.2.10, [2001:db8::1]). The first is also the subject CN.")
    List<String> hosts;

    @Option(names = "--days", paramLabel = "N", defaultValue = "365",
            description = "Days the certificate is valid (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--cert", paramLabel = "FILE", defaultValue = "tls/server.crt",
            description = "Where to write the certificate (default: ${DEFAULT-VALUE}).")
    Path certificate;

    @Option(names = "--key", paramLabel = "FILE", defaultValue = "tls/server.key",
            description = "Where to write the private key, mode 0600 (default: ${DEFAULT-VALUE}).")
    Path key;

    @Option(names = "--force",
            description = "Replace existing files. A running server that uses them serves the new certificate to new "
                    + "sessions within 2 seconds.")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> names = checkedArguments();
        for (Path file : List.of(certificate, key)) {
            if (!force && Files.exists(file)) {
                err.println("wharf: " + file + " already exists; nothing written. Pass --force to replace it "
                        + "(clients that trust the current certificate will then need the new one).");
                return NOT_WRITTEN;
            }
        }
        KeyMaterial material;
        try {
            material = SelfSignedCertificate.generate(names, Duration.ofDays(days));
            SelfSignedCertificate.writePem(material, certificate, key);
        } catch (GeneralSecurityException | IOException e) {
            err.println("wharf: cannot write the certificate: " + e.getMessage());
            return NOT_WRITTEN;
        }
        report(out, material);
        return 0;
    }

    /** The hosts, without repeats; rejects anything that cannot be a usable subject alternative name. */
    private List<String> checkedArguments() {
        if (days < 1 || days > MAX_DAYS) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--days must be between 1 and " + MAX_DAYS + ", not " + days);
        }
        if (certificate.toAbsolutePath().normalize().equals(key.toAbsolutePath().normalize())) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--cert and --key must be different files (" + key + ")");
        }
        List<String> problems = new ArrayList<>();
        for (String host : hosts) {
            String problem = CertificateHosts.problem(host);
            if (problem != null) {
                problems.add(problem);
            }
        }
        if (!problems.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--host: " + String.join("; ", problems));
        }
        return List.copyOf(new LinkedHashSet<>(hosts));
    }

    private void report(PrintWriter out, KeyMaterial material) {
        X509Certificate leaf = material.certificate();
        out.println("Wrote " + certificate.toAbsolutePath() + mode(certificate));
        out.println("Wrote " + key.toAbsolutePath() + mode(key) + ": the private key, keep it secret");
        out.println("Subject alternative names: " + String.join(", ", alternativeNames(leaf)));
        out.println("Valid until: " + leaf.getNotAfter().toInstant() + " (" + days + " days)");
        out.println("SHA-256 fingerprint: " + material.sha256Fingerprint());
        out.println("Public key pin: sha256//" + publicKeyPin(leaf) + "  (for curl --pinnedpubkey)");
        out.println();
        out.println("Add to a listener in wharf.yaml:");
        out.println("    tls:");
        out.println("      certificate: " + certificate.toAbsolutePath().normalize());
        out.println("      private-key: " + key.toAbsolutePath().normalize());
        out.println();
        out.println("Clients must be told to trust this certificate, e.g. curl --cacert "
                + certificate.toAbsolutePath().normalize() + " (or -k, which checks nothing).");
        out.flush();
    }

    /** The names as the certificate holds them, so the operator sees what clients will compare against. */
    private static List<String> alternativeNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
            if (entries != null) {
                for (List<?> entry : entries) {
                    int type = (Integer) entry.get(0);
                    names.add((type == SAN_IP ? "IP:" : type == SAN_DNS ? "DNS:" : type + ":") + entry.get(1));
                }
            }
        } catch (CertificateParsingException e) {
            // The certificate was built in this process a moment ago; an unparsable extension means a bug there.
            throw new IllegalStateException("cannot read the certificate's alternative names", e);
        }
        return names;
    }

    /** Base64 SHA-256 of the SubjectPublicKeyInfo: the form curl's --pinnedpubkey takes. */
    private static String publicKeyPin(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded());
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform has SHA-256.
            throw new IllegalStateException(e);
        }
    }

    private static String mode(Path file) {
        try {
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                return " (mode " + octal(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))) + ")";
            }
        } catch (IOException e) {
            // Only decoration: the file was written a moment ago, and its mode is not worth failing over.
            return "";
        }
        return "";
    }

    /** {@code rw-------} as {@code 0600}, the form chmod and operators use. */
    static String octal(String permissions) {
        int mode = 0;
        for (int i = 0; i < permissions.length(); i++) {
            mode = mode << 1 | (permissions.charAt(i) == '-' ? 0 : 1);
        }
        return String.format("0%03o", mode);
    }
}
