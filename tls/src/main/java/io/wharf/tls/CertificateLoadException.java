package io.wharf.tls;

import java.nio.file.Path;

/**
 * Server key material could not be loaded or is not fit to serve: a file is unreadable or malformed, holds no
 * certificate or key, the key does not match the certificate, or the certificate is outside its validity period.
 *
 * <p>The message is {@code "<file>: <problem>"}, for example {@code "/etc/wharf/tls.pem: no certificate found"},
 * ready for an operator; {@link #file()} and {@link #problem()} give the two parts.
 */
public final class CertificateLoadException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;

    /**
     * @param file    the file at fault: the one that could not be read or parsed, the certificate file for a validity
     *                problem, the key file when key and certificate do not match
     * @param problem what is wrong, in words an operator can act on
     * @param cause   the underlying exception, or null
     */
    public CertificateLoadException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** The message without the file name, for example {@code "no certificate found"}. */
    public String problem() {
        return problem;
    }
}
