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
 */
public record UserEntry(String name, String passwordHash, String home) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final Pattern DRIVE = Pattern.compile("[A-Za-z]:.*");

    /**
     * @throws IllegalArgumentException if the name or home is invalid or the hash is empty
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
