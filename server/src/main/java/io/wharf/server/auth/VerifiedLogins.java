package io.wharf.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers recent successful password checks, so a partner whose batch job logs in every minute does not pay a
 * full Argon2id each time.
 *
 * <p>What is kept per user is an HMAC-SHA256, under a random key that lives only in this process, of the user name,
 * the stored hash and the password. Nothing in it can be reversed or used elsewhere; a changed password changes
 * the stored hash and so invalidates the entry by itself; a wrong password never matches and always pays the full
 * hash. Used by the authenticator's worker threads only.
 */
final class VerifiedLogins {

    private static final int MAX_ENTRIES = 100_000;

    private final byte[] key = new byte[32];
    private final ConcurrentHashMap<String, byte[]> verified = new ConcurrentHashMap<>();

    VerifiedLogins() {
        new SecureRandom().nextBytes(key);
    }

    /** True when this exact password was verified against this exact stored hash before. */
    boolean matches(String user, String storedHash, byte[] password) {
        byte[] known = verified.get(user);
        return known != null && MessageDigest.isEqual(known, fingerprint(user, storedHash, password));
    }

    /** Records a successful full check. */
    void remember(String user, String storedHash, byte[] password) {
        if (verified.size() >= MAX_ENTRIES) {
            verified.clear();      // crude but bounded: the cost is one full hash per user afterwards
        }
        verified.put(user, fingerprint(user, storedHash, password));
    }

    private byte[] fingerprint(String user, String storedHash, byte[] password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(user.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(storedHash.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(password);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
