package io.wharf.config;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One account from the users file.
 *
 * @param name         the login name: 1 to 64 of {@code A-Z a-z 0-9 . _ @ -}
 * @param passwordHash the stored password hash, an Argon2id PHC string such as {@code $argon2id$v=19$...};
 *                     only checked to be non-empty here, the server verifies it
 * @param home         the user's home, relative to the server root directory, with {@code /} separators;
 *                     {@code ""} or {@code "."} is the root itself. It can never leave the root: absolute paths
 *                     and {@code ..} segments are rejected
 * @param tls          which of this user's connections must be encrypted, on top of the listener's policy; null
 *                     when the user adds nothing
 * @param clientCertificate the certificate this user must present on the TLS control connection (mutual TLS), as
 *                     {@code sha256:} and the SHA-256 fingerprint in hex (colons optional), or {@code subject:} and
 *                     the subject's distinguished name as RFC 2253 writes it; null when none is required
 */
public record UserEntry(String name, String passwordHash, String home, TlsRequirement tls,
                        String clientCertificate) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final Pattern DRIVE = Pattern.compile("[A-Za-z]:.*");
    private static final Pattern SHA256 = Pattern.compile("[0-9A-Fa-f]{64}");

    /** A user with no TLS requirement of its own and no client certificate. */
    public UserEntry(String name, String passwordHash, String home) {
        this(name, passwordHash, home, null, null);
    }

    /**
     * @throws IllegalArgumentException if the name or home is invalid, the hash is empty, or the client certificate
     *                                  is neither {@code sha256:<hex>} nor {@code subject:<DN>}
     */
    public UserEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(home, "home");
        if (!isValidName(name)) {
            throw new IllegalArgumentException("invalid user name: " + name);
        }
        if (passwordHash.isEmpty()) {
            throw new IllegalArgumentException("empty password hash for user " + name);
        }
        if (!isValidHome(home)) {
            throw new IllegalArgumentException("home of user " + name + " leaves the root directory: " + home);
        }
        if (clientCertificate != null && !isValidClientCertificate(clientCertificate)) {
            throw new IllegalArgumentException("client certificate of user " + name + " must be sha256:<hex> or "
                    + "subject:<DN>: " + clientCertificate);
        }
    }

    /** @return whether {@code value} is {@code sha256:} and 64 hex digits (colons allowed), or {@code subject:DN} */
    public static boolean isValidClientCertificate(String value) {
        if (value.startsWith("sha256:")) {
            return SHA256.matcher(value.substring(7).replace(":", "")).matches();
        }
        return value.startsWith("subject:") && !value.substring(8).isBlank();
    }

    /**
     * @return whether {@code name} is 1 to 64 of {@code A-Z a-z 0-9 . _ @ -}
     */
    public static boolean isValidName(String name) {
        return NAME.matcher(name).matches();
    }

    /**
     * @return whether {@code home} is a relative path that stays inside the root directory
     */
    public static boolean isValidHome(String home) {
        if (home.startsWith("/") || home.startsWith("\\") || DRIVE.matcher(home).matches() || home.indexOf('\0') >= 0) {
            return false;
        }
        // Both separators count, so a home written on Windows cannot sneak a ".." past the check.
        for (String segment : home.split("[/\\\\]")) {
            if (segment.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
